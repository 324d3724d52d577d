using ChildProtection.Core.Security;
using ChildProtection.Core.Contents;
using ChildProtection.Core.Metadata;
using ChildProtection.Core.Settings;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChildProtection.Admin.Pages.Admin;

public sealed class DashboardModel(IContentManager contents, IContentDefinitionStore definitions, ISiteSettingsService settings, ContentAuthorizer authorizer) : PageModel
{
    public sealed record TypeCount(ContentTypeDefinition Type, int Total, int Published);

    public List<TypeCount> Counts { get; } = [];
    public IReadOnlyList<ContentListEntry> Recent { get; private set; } = [];
    public SiteTime Time { get; private set; } = null!;
    public Dictionary<string, string> TypeNames { get; } = new();

    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        Time = SiteTime.From(await settings.GetAsync(ct));
        var allowed = new List<string>();
        var counts = await contents.CountByTypeAsync(ct);
        foreach (var type in (await definitions.GetAsync(ct)).ContentTypes.Where(t => t.TypeSettings.Listable).OrderBy(t => t.DisplayName))
        {
            if (!await authorizer.CanCreateAsync(User, type)) continue;
            allowed.Add(type.Name);
            TypeNames[type.Name] = type.DisplayName;
            var (total, published) = counts.GetValueOrDefault(type.Name);
            Counts.Add(new TypeCount(type, total, published));
        }
        if (allowed.Count > 0)
            Recent = (await contents.ListAsync(new ContentListQuery { ContentTypes = allowed, PageSize = 10 }, ct)).Items;
    }
}
