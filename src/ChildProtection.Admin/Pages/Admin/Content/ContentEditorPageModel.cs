using ChildProtection.Admin.Editing;
using ChildProtection.Core.Security;
using ChildProtection.Core;
using ChildProtection.Core.Contents;
using ChildProtection.Core.Metadata;
using ChildProtection.Core.Settings;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace ChildProtection.Admin.Pages.Admin.Content;

/// <summary>Shared by the "new" and "edit" pages: load, authorise, bind, save, show messages.</summary>
/// <remarks>
/// A body may hold 5,000,000 characters (BodyPart.MaxLength); URL-encoded, Vietnamese text is up to nine
/// bytes a character. The form limits leave room for that, so an over-long paste reaches the part and
/// gets its message ("at most 5,000,000 characters") instead of failing while the form is read.
/// </remarks>
[RequestFormLimits(ValueLengthLimit = MaxFormBytes, MultipartBodyLengthLimit = MaxFormBytes)]
[RequestSizeLimit(MaxFormBytes)]
public abstract class ContentEditorPageModel(
    IContentManager contents,
    IContentDefinitionStore definitions,
    ISiteSettingsService settings,
    ContentAuthorizer authorizer,
    ContentEditor editor,
    IStringLocalizer<AdminText> T,
    IStringLocalizer<CoreText> C) : PageModel
{
    public const int MaxFormBytes = 64 * 1024 * 1024;

    protected IContentManager Contents => contents;
    protected ContentAuthorizer Authorizer => authorizer;
    protected IStringLocalizer<AdminText> Text => T;

    public ContentTypeDefinition ContentType { get; protected set; } = null!;
    public ContentItem Item { get; protected set; } = null!;
    public List<EditorSection> Sections { get; protected set; } = [];
    public List<string> SummaryErrors { get; } = [];
    public ContentStatus? Status { get; protected set; }
    public bool IsNew { get; protected set; }
    public bool CanPublish { get; protected set; }
    public bool CanDelete { get; protected set; }
    public SiteTime Time { get; protected set; } = null!;
    protected ContentDefinitionDocument Definitions { get; private set; } = null!;

    /// <summary>Loads the type, the item and the editor; false when the type or item does not exist.</summary>
    protected async Task<bool> LoadAsync(string? typeName, string? contentItemId)
    {
        var ct = HttpContext.RequestAborted;
        Definitions = await definitions.GetAsync(ct);
        Time = SiteTime.From(await settings.GetAsync(ct));
        if (contentItemId is not null)
        {
            var item = await contents.GetAsync(contentItemId, VersionOptions.Latest, ct);
            if (item is null) return false;
            Item = item;
            Status = await contents.GetStatusAsync(contentItemId, ct);
        }
        else
        {
            IsNew = true;
            Item = await contents.NewAsync(typeName ?? "", ct);
        }
        var type = Definitions.GetType(Item.ContentType);
        if (type is null) return false;
        ContentType = type;
        CanPublish = await authorizer.CanAsync(User, ContentAction.Publish, type, Item.Owner ?? User.Identity?.Name);
        CanDelete = !IsNew && await authorizer.CanAsync(User, ContentAction.Delete, type, Item.Owner);
        Sections = await editor.BuildAsync(Item, type, Definitions, Time);
        return true;
    }

    protected Task<bool> CanEditAsync() => authorizer.CanAsync(User, ContentAction.Edit, ContentType, IsNew ? User.Identity?.Name : Item.Owner);

    /// <summary>Binds the form and saves; on success redirects to the item's editor.</summary>
    protected async Task<IActionResult> SaveAsync(bool publish)
    {
        if (!await CanEditAsync()) return Forbid();
        if (publish && !CanPublish) return Forbid();
        if (!publish && !ContentType.TypeSettings.Draftable) publish = CanPublish;
        if (!publish && !ContentType.TypeSettings.Draftable) return Forbid();

        editor.Bind(Request.Form, Sections, Item, Time);
        var expected = IsNew ? null : Request.Form["version"].FirstOrDefault();
        var result = await contents.SaveAsync(Item, new SaveOptions { Publish = publish, User = User.Identity?.Name, ExpectedLatestVersionId = expected }, HttpContext.RequestAborted);
        if (!result.Succeeded)
        {
            SummaryErrors.AddRange(editor.AttachErrors(Sections, result.Errors));
            SummaryErrors.Insert(0, T["Nothing was saved. Please correct the marked fields."]);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        TempData["Message"] = publish ? T["\"{0}\" was published.", result.Item!.DisplayText].Value : T["\"{0}\" was saved as a draft.", result.Item!.DisplayText].Value;
        return Redirect($"/admin/content/{result.Item.ContentItemId}/edit");
    }

    public string Localize(string key) => C[key];
}
