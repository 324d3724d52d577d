using ChildProtection.Core.Security;
using ChildProtection.Core.Contents;
using ChildProtection.Core.Metadata;
using ChildProtection.Core.Settings;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChildProtection.Admin.Pages.Admin.Content;

/// <summary>The content list: server-side paging, filter by type and status, search by title.</summary>
public sealed class IndexModel(IContentManager contents, IContentDefinitionStore definitions, ISiteSettingsService settings, ContentAuthorizer authorizer) : PageModel
{
    [FromQuery(Name = "type")] public string? Type { get; set; }
    [FromQuery(Name = "status")] public ContentStatusFilter Status { get; set; }
    [FromQuery(Name = "q")] public string? Q { get; set; }
    [FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;

    public PagedResult<ContentListEntry> Result { get; private set; } = new([], 0, 1, 20);
    public List<ContentTypeDefinition> Types { get; private set; } = [];
    public List<ContentTypeDefinition> CreatableTypes { get; private set; } = [];
    public string? TypeDisplayName { get; private set; }
    public SiteTime Time { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        var defs = await definitions.GetAsync(ct);
        var site = await settings.GetAsync(ct);
        Time = SiteTime.From(site);
        foreach (var type in defs.ContentTypes.Where(t => t.TypeSettings.Listable).OrderBy(t => t.DisplayName))
            if (await authorizer.CanCreateAsync(User, type)) Types.Add(type);
        if (Types.Count == 0) return Forbid();
        var selected = Types.FirstOrDefault(t => t.Name == Type);
        if (!string.IsNullOrEmpty(Type) && selected is null) return NotFound();
        TypeDisplayName = selected?.DisplayName;
        CreatableTypes = selected is not null
            ? (selected.TypeSettings.Creatable ? [selected] : [])
            : [];
        if (Q?.Length > 200) Q = Q[..200];
        Result = await contents.ListAsync(new ContentListQuery
        {
            ContentType = selected?.Name,
            ContentTypes = Types.Select(t => t.Name).ToList(),
            Status = Status,
            Search = Q,
            Page = Math.Max(1, PageNumber),
            PageSize = site.PageSize,
        }, ct);
        return Page();
    }

    public string TypeName(string name) => Types.FirstOrDefault(t => t.Name == name)?.DisplayName ?? name;

    public string PageUrl(int page) =>
        QueryString.Create(new Dictionary<string, string?> { ["type"] = Type, ["status"] = Status.ToString(), ["q"] = Q, ["page"] = page.ToString() }).ToUriComponent() is var qs
            ? "/admin/content" + qs : "/admin/content";
}
