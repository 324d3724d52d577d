using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ChildProtection.Core.Metadata;
using ChildProtection.Core.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace ChildProtection.Admin.Pages.Admin.Types;

public sealed partial class IndexModel(IContentDefinitionStore definitions, IAuthorizationService authorization, IStringLocalizer<AdminText> T) : PageModel
{
    public List<ContentTypeDefinition> Types { get; private set; } = [];
    public string? Error { get; private set; }
    public string? Name { get; private set; }
    public string? DisplayName { get; private set; }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{0,63}$")]
    private static partial Regex TechnicalName();

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await authorization.AuthorizeAsync(User, ContentPermissions.ManageContentTypes)) return Forbid();
        Types = (await definitions.GetAsync(HttpContext.RequestAborted)).ContentTypes.OrderBy(t => t.DisplayName).ToList();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? name, string? displayName)
    {
        if (!await authorization.AuthorizeAsync(User, ContentPermissions.ManageContentTypes)) return Forbid();
        var document = (await definitions.GetAsync(HttpContext.RequestAborted)).Clone();
        Types = document.ContentTypes.OrderBy(t => t.DisplayName).ToList();
        Name = name?.Trim();
        DisplayName = displayName?.Trim();
        if (string.IsNullOrEmpty(DisplayName)) Error = T["Enter a display name."];
        else if (Name is null || !TechnicalName().IsMatch(Name)) Error = T["The technical name must be letters and digits without spaces, starting with a letter."];
        else if (document.GetType(Name) is not null) Error = T["A type named {0} already exists.", Name];
        if (Error is not null)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        var type = new ContentTypeDefinition { Name = Name!, DisplayName = DisplayName! };
        type.TypeSettings = new ContentTypeSettings();
        type.ContentTypePartDefinitionRecords.Add(new ContentTypePartDefinition { Name = "TitlePart", PartName = "TitlePart" });
        document.ContentTypes.Add(type);
        await definitions.SaveAsync(document, HttpContext.RequestAborted);
        TempData["Message"] = T["Type \"{0}\" created. Add parts and fields below.", DisplayName!].Value;
        return Redirect($"/admin/types/{Name}");
    }
}
