using ChildProtection.Admin.Editing;
using ChildProtection.Core;
using ChildProtection.Core.Contents;
using ChildProtection.Core.Metadata;
using ChildProtection.Core.Security;
using ChildProtection.Core.Settings;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace ChildProtection.Admin.Pages.Admin.Content;

/// <summary>Two versions of an item side by side: title, summary, body text and every field, with what changed marked.</summary>
public sealed class CompareModel(IContentManager contents, IContentDefinitionStore definitions, ISiteSettingsService settings,
    ContentAuthorizer authorizer, ContentPipeline pipeline, IStringLocalizer<AdminText> T, IStringLocalizer<CoreText> C) : PageModel
{
    public ContentItem Older { get; private set; } = null!;
    public ContentItem Newer { get; private set; } = null!;
    public IReadOnlyList<FieldDiff> Fields { get; private set; } = [];
    public SiteTime Time { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string id, string? from, string? to)
    {
        var ct = HttpContext.RequestAborted;
        var latest = await contents.GetAsync(id, VersionOptions.Latest, ct);
        if (latest is null) return NotFound();
        var type = await definitions.GetTypeAsync(latest.ContentType, ct);
        if (type is null) return NotFound();
        if (!await authorizer.CanAsync(User, ContentAction.Edit, type, latest.Owner)) return Forbid();
        var versions = await contents.GetVersionsAsync(id, ct);
        // Default: the version before the latest against the latest.
        var a = versions.FirstOrDefault(v => v.ContentItemVersionId == from) ?? versions.Skip(1).FirstOrDefault() ?? latest;
        var b = versions.FirstOrDefault(v => v.ContentItemVersionId == to) ?? latest;
        if (from is not null && a.ContentItemVersionId != from || to is not null && b.ContentItemVersionId != to) return NotFound();
        (Older, Newer) = a.Number <= b.Number ? (a, b) : (b, a);
        Time = SiteTime.From(await settings.GetAsync(ct));
        string PartLabel(ContentTypePartDefinition p) =>
            p.DisplayName ?? (pipeline.Parts.TryGetValue(p.PartName, out var handler) ? C[handler.DisplayName].Value : p.Name);
        Fields = VersionText.Compare(VersionText.Fields(Older, type, PartLabel, T["Title"]), VersionText.Fields(Newer, type, PartLabel, T["Title"]));
        return Page();
    }
}
