using ChildProtection.Audit;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ChildProtection.Core.Contents;
using ChildProtection.Core.Metadata;
using ChildProtection.Core.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace ChildProtection.Admin.Pages.Admin.Types;

/// <summary>Edits a type: settings, parts (order, add, remove) and the type's own fields.</summary>
public sealed partial class EditModel(IContentDefinitionStore definitions, ContentPipeline pipeline, IAuthorizationService authorization, IAuditTrail audit, IStringLocalizer<AdminText> T) : PageModel
{
    public ContentTypeDefinition Type { get; private set; } = null!;
    public List<ContentPartFieldDefinition> Fields { get; private set; } = [];
    public List<string> AvailableParts { get; private set; } = [];
    public IEnumerable<string> FieldKinds => pipeline.Fields.Keys.Order();
    public string? Error { get; private set; }
    private ContentDefinitionDocument document = null!;

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{0,63}$")]
    private static partial Regex TechnicalName();

    private async Task<IActionResult?> LoadAsync(string name)
    {
        if (!await authorization.AuthorizeAsync(User, ContentPermissions.ManageContentTypes)) return Forbid();
        document = (await definitions.GetAsync(HttpContext.RequestAborted)).Clone();
        var type = document.GetType(name);
        if (type is null) return NotFound();
        Type = type;
        Fields = document.GetPart(type.Name)?.Fields.ToList() ?? [];
        AvailableParts = pipeline.Parts.Keys.Where(p => !type.HasPart(p)).Order().ToList();
        return null;
    }

    public async Task<IActionResult> OnGetAsync(string name) => await LoadAsync(name) ?? Page();

    private async Task<IActionResult> SaveAsync(string message)
    {
        await definitions.SaveAsync(document, HttpContext.RequestAborted);
        TempData["Message"] = message;
        return Redirect($"/admin/types/{Type.Name}");
    }

    private IActionResult Fail(string message)
    {
        Error = message;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    public async Task<IActionResult> OnPostSettingsAsync(string name, string? displayName, bool creatable, bool listable, bool draftable, bool versionable, bool securable, bool requiresReview)
    {
        if (await LoadAsync(name) is { } denied) return denied;
        if (string.IsNullOrWhiteSpace(displayName) || displayName.Length > 100) return Fail(T["Enter a display name."]);
        Type.DisplayName = displayName.Trim();
        var settings = Type.TypeSettings;
        settings.Creatable = creatable; settings.Listable = listable; settings.Draftable = draftable;
        var reviewBefore = settings.RequiresReview;
        settings.Versionable = versionable; settings.Securable = securable; settings.RequiresReview = requiresReview;
        Type.TypeSettings = settings;
        if (reviewBefore != requiresReview)
            await audit.RecordAsync(new AuditEntry(AuditActions.SettingsChanged, User.Identity?.Name)
            {
                Category = AuditCategories.Settings, SubjectId = Type.Name, SubjectTitle = Type.DisplayName,
                Detail = $"RequiresReview: {reviewBefore} → {requiresReview}",
            });
        return await SaveAsync(T["Type saved."]);
    }

    public async Task<IActionResult> OnPostMoveAsync(string name, string part, int delta)
    {
        if (await LoadAsync(name) is { } denied) return denied;
        var ordered = Type.Parts.ToList();
        var index = ordered.FindIndex(p => p.Name == part);
        var target = index + Math.Sign(delta);
        if (index < 0 || target < 0 || target >= ordered.Count) return Redirect($"/admin/types/{Type.Name}");
        (ordered[index], ordered[target]) = (ordered[target], ordered[index]);
        for (var i = 0; i < ordered.Count; i++)
        {
            var settings = ordered[i].Settings["ContentTypePartSettings"] as JsonObject ?? new JsonObject();
            settings["Position"] = i.ToString();
            ordered[i].Settings["ContentTypePartSettings"] = settings;
        }
        return await SaveAsync(T["Order saved."]);
    }

    public async Task<IActionResult> OnPostAddPartAsync(string name, string part)
    {
        if (await LoadAsync(name) is { } denied) return denied;
        if (!pipeline.Parts.ContainsKey(part)) return Fail(T["Unknown part {0}.", part]);
        if (Type.HasPart(part)) return Fail(T["The type already has the part {0}.", part]);
        Type.ContentTypePartDefinitionRecords.Add(new ContentTypePartDefinition
        {
            Name = part, PartName = part,
            Settings = new JsonObject { ["ContentTypePartSettings"] = new JsonObject { ["Position"] = Type.ContentTypePartDefinitionRecords.Count.ToString() } },
        });
        return await SaveAsync(T["Part {0} added.", part]);
    }

    public async Task<IActionResult> OnPostRemovePartAsync(string name, string part)
    {
        if (await LoadAsync(name) is { } denied) return denied;
        if (Type.ContentTypePartDefinitionRecords.RemoveAll(p => p.Name == part) == 0) return NotFound();
        return await SaveAsync(T["Part {0} removed.", part]);
    }

    public async Task<IActionResult> OnPostAddFieldAsync(string name, string? label, string? fieldName, string? kind, bool required)
    {
        if (await LoadAsync(name) is { } denied) return denied;
        label = label?.Trim();
        if (string.IsNullOrEmpty(label) || label.Length > 100) return Fail(T["Enter a label for the field."]);
        if (fieldName is null || !TechnicalName().IsMatch(fieldName)) return Fail(T["The technical name must be letters and digits without spaces, starting with a letter."]);
        if (kind is null || !pipeline.Fields.ContainsKey(kind)) return Fail(T["Unknown field kind."]);
        var part = document.GetPart(Type.Name);
        if (part is null)
        {
            part = new ContentPartDefinition { Name = Type.Name };
            document.ContentParts.Add(part);
        }
        if (part.ContentPartFieldDefinitionRecords.Any(f => f.Name == fieldName)) return Fail(T["A field named {0} already exists.", fieldName]);
        part.ContentPartFieldDefinitionRecords.Add(new ContentPartFieldDefinition
        {
            FieldName = kind, Name = fieldName,
            Settings = new JsonObject
            {
                ["ContentPartFieldSettings"] = new JsonObject { ["DisplayName"] = label, ["Position"] = part.ContentPartFieldDefinitionRecords.Count.ToString() },
                [kind + "Settings"] = new JsonObject { ["Required"] = required },
            },
        });
        if (!Type.HasPart(Type.Name))
            Type.ContentTypePartDefinitionRecords.Add(new ContentTypePartDefinition { Name = Type.Name, PartName = Type.Name });
        return await SaveAsync(T["Field {0} added.", label]);
    }

    public async Task<IActionResult> OnPostRemoveFieldAsync(string name, string field)
    {
        if (await LoadAsync(name) is { } denied) return denied;
        var part = document.GetPart(Type.Name);
        if (part is null || part.ContentPartFieldDefinitionRecords.RemoveAll(f => f.Name == field) == 0) return NotFound();
        return await SaveAsync(T["Field removed."]);
    }
}
