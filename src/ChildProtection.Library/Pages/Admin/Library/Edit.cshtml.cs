using System.Text.Json.Nodes;
using ChildProtection.Core.Contents;
using ChildProtection.Core.Metadata;
using ChildProtection.Core.Parts;
using ChildProtection.Core.Security;
using ChildProtection.Library.Parts;
using ChildProtection.Media;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace ChildProtection.Library.Pages.Admin.Library;

public sealed class FileRow
{
    public string? Key { get; set; }
    public string? MediaId { get; set; }
    public string? Label { get; set; }
    public bool Remove { get; set; }
}

public sealed class NewFileRow
{
    public string? Label { get; set; }
    /// <summary>A file already in the media library, by its id (the media library shows it), instead of an upload.</summary>
    public string? MediaId { get; set; }
    public IFormFile? Upload { get; set; }
}

public sealed class ResourceInput
{
    public string? Title { get; set; }
    public string? Summary { get; set; }
    public string? Kind { get; set; }
    public List<string> Audiences { get; set; } = [];
    public List<string> TopicIds { get; set; } = [];
    public List<string> CampaignIds { get; set; } = [];
    public string? Language { get; set; }
    public string? VideoUrl { get; set; }
    public string? UsageNote { get; set; }
    public bool Restricted { get; set; }
    public List<FileRow> Files { get; set; } = [];
    public List<NewFileRow> NewFiles { get; set; } = [];
    public string? CoverMediaId { get; set; }
    public bool RemoveCover { get; set; }
    public string? NewCoverMediaId { get; set; }
    public IFormFile? CoverUpload { get; set; }
}

/// <summary>
/// The library's own editor of a resource: everything of the Resource part plus title, summary and
/// topics, with files uploaded straight into the media library (through its public contract) or picked by
/// id. It saves through the content manager, so the same checks apply as everywhere else; an upload that
/// succeeded is kept on the form when something else is wrong, so nothing has to be uploaded twice.
/// </summary>
[RequestSizeLimit(MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes)]
public sealed class EditModel(
    IContentManager contents,
    IContentDefinitionStore definitions,
    ContentAuthorizer authorizer,
    IMediaLibrary media,
    ITaxonomyLookup taxonomies,
    IStringLocalizer<LibraryText> T) : LibraryAdminPage
{
    /// <summary>Several print files of up to the media library's own limit each.</summary>
    public const long MaxRequestBytes = 400L * 1024 * 1024;
    public const int NewFileSlots = 3;

    [BindProperty] public ResourceInput Input { get; set; } = new();
    [BindProperty] public string? Version { get; set; }

    public string? Id { get; private set; }
    public ContentItem? Item { get; private set; }
    public ContentStatus? Status { get; private set; }
    public bool CanPublish { get; private set; }
    public List<string> Errors { get; } = [];
    public IReadOnlyList<TaxonomyPart.Term> Topics { get; private set; } = [];
    public IReadOnlyList<(string Id, string Title)> Campaigns { get; private set; } = [];
    public IReadOnlyDictionary<string, MediaFile> MediaFiles { get; private set; } = new Dictionary<string, MediaFile>();

    public async Task<IActionResult> OnGetAsync(string? id)
    {
        var load = await LoadAsync(id);
        if (load is not null) return load;
        if (Item is not null) FillFrom(Item);
        else Input = new ResourceInput { Kind = "poster", Language = "vi", UsageNote = ResourceVocabulary.DefaultUsageNote };
        await LoadChoicesAsync();
        return Page();
    }

    public Task<IActionResult> OnPostSaveAsync(string? id) => SaveAsync(id, publish: false);

    public Task<IActionResult> OnPostPublishAsync(string? id) => SaveAsync(id, publish: true);

    private async Task<IActionResult> SaveAsync(string? id, bool publish)
    {
        var load = await LoadAsync(id);
        if (load is not null) return load;
        var type = (await definitions.GetAsync(HttpContext.RequestAborted)).GetType(ResourceData.TypeName)!;
        if (!await authorizer.CanAsync(User, ContentAction.Edit, type, Item?.Owner ?? User.Identity?.Name)) return Denied();
        if (publish && !CanPublish) return Denied();

        await StoreUploadsAsync();
        var item = Item?.CloneAsNewVersion() ?? await contents.NewAsync(ResourceData.TypeName, HttpContext.RequestAborted);
        Apply(item);
        if (Errors.Count == 0)
        {
            var result = await contents.SaveAsync(item, new SaveOptions { Publish = publish, User = User.Identity?.Name, ExpectedLatestVersionId = Item is null ? null : Version }, HttpContext.RequestAborted);
            if (result.Succeeded)
            {
                TempData["Message"] = publish ? T["\"{0}\" was published.", result.Item!.DisplayText].Value : T["\"{0}\" was saved as a draft.", result.Item!.DisplayText].Value;
                return Redirect($"/admin/library/edit/{result.Item.ContentItemId}");
            }
            Errors.AddRange(result.Errors.Select(Localize));
        }
        Errors.Insert(0, T["Nothing was saved. Please correct the following."]);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        await LoadChoicesAsync();
        return Page();
    }

    /// <summary>Uploads go to the media library first; each stored one becomes a file row, each refused one a message.</summary>
    private async Task StoreUploadsAsync()
    {
        var kept = new List<NewFileRow>();
        foreach (var row in Input.NewFiles)
        {
            if (row.Upload is { Length: > 0 } upload)
            {
                var stored = await StoreAsync(upload);
                if (stored is not null)
                    Input.Files.Add(new FileRow { MediaId = stored.Id, Label = string.IsNullOrWhiteSpace(row.Label) ? DefaultLabel(stored) : row.Label.Trim() });
                else kept.Add(new NewFileRow { Label = row.Label });
            }
            else if (!string.IsNullOrWhiteSpace(row.MediaId))
            {
                var id = row.MediaId.Trim();
                var file = id.Length <= 64 ? await media.GetAsync(id, HttpContext.RequestAborted) : null;
                if (file is null)
                {
                    Errors.Add(T["There is no file \"{0}\" in the media library.", id]);
                    kept.Add(row);
                }
                else Input.Files.Add(new FileRow { MediaId = file.Id, Label = string.IsNullOrWhiteSpace(row.Label) ? DefaultLabel(file) : row.Label.Trim() });
            }
            else if (!string.IsNullOrWhiteSpace(row.Label))
            {
                Errors.Add(T["\"{0}\": choose a file to upload or give a file id from the media library.", row.Label.Trim()]);
                kept.Add(row);
            }
        }
        Input.NewFiles = kept;

        if (Input.CoverUpload is { Length: > 0 } cover)
        {
            var stored = await StoreAsync(cover);
            if (stored is not null) Input.CoverMediaId = stored.Id;
        }
        else if (!string.IsNullOrWhiteSpace(Input.NewCoverMediaId)) Input.CoverMediaId = Input.NewCoverMediaId.Trim();
        if (Input.RemoveCover && Input.CoverUpload is not { Length: > 0 } && string.IsNullOrWhiteSpace(Input.NewCoverMediaId)) Input.CoverMediaId = null;
        Input.NewCoverMediaId = null;
        Input.RemoveCover = false;
    }

    private async Task<MediaFile?> StoreAsync(IFormFile upload)
    {
        await using var stream = upload.OpenReadStream();
        var result = await media.StoreAsync(new MediaUpload
        {
            Content = stream,
            // The whole name as the browser sent it: the media library makes it safe (a "/" in "số 12/2024" becomes "-").
            OriginalName = upload.FileName,
            Folder = "thu-vien",
            User = User.Identity?.Name,
        }, HttpContext.RequestAborted);
        if (result.Succeeded) return result.File;
        Errors.Add(T["{0} was not accepted: {1}", upload.FileName, string.Join(" ", result.Errors)]);
        return null;
    }

    private static string DefaultLabel(MediaFile file) =>
        $"{Path.GetFileNameWithoutExtension(file.OriginalName)} ({Public.FileFacts.Format(file)})";

    /// <summary>The form into the item's JSON. The parts check it when saving; nothing here decides what is valid.</summary>
    private void Apply(ContentItem item)
    {
        item.GetOrCreatePart("TitlePart")["Title"] = Input.Title ?? "";
        item.GetOrCreatePart("SummaryPart")["Summary"] = Input.Summary ?? "";
        item.GetOrCreatePart(ResourceData.TopicsPartName)["TermIds"] = Strings(Input.TopicIds);
        var part = item.GetOrCreatePart(ResourceData.PartName);
        part["Kind"] = Input.Kind ?? "";
        part["Audiences"] = Strings(Input.Audiences);
        part["CampaignIds"] = Strings(Input.CampaignIds);
        part["Language"] = Input.Language ?? "vi";
        part["VideoUrl"] = Input.VideoUrl ?? "";
        part["UsageNote"] = Input.UsageNote ?? "";
        part["Restricted"] = Input.Restricted;
        Input.Files = Input.Files.Where(f => !f.Remove && !string.IsNullOrWhiteSpace(f.MediaId)).ToList();
        var files = new JsonArray();
        foreach (var f in Input.Files)
        {
            var o = new JsonObject { ["Label"] = f.Label ?? "", ["mediaId"] = f.MediaId };
            if (!string.IsNullOrEmpty(f.Key)) o["Key"] = f.Key;
            files.Add(o);
        }
        part["Files"] = files;
        if (string.IsNullOrWhiteSpace(Input.CoverMediaId)) part.Remove("Cover");
        else part["Cover"] = new JsonObject { ["mediaId"] = Input.CoverMediaId };
    }

    private static JsonArray Strings(IEnumerable<string?> values) =>
        new(values.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => (JsonNode)JsonValue.Create(v!.Trim())!).ToArray());

    private void FillFrom(ContentItem item)
    {
        var data = ResourceData.From(item);
        Input = new ResourceInput
        {
            Title = item.Get<string>("TitlePart", "Title") ?? item.DisplayText,
            Summary = item.Get<string>("SummaryPart", "Summary"),
            Kind = data.Kind,
            Audiences = data.Audiences.ToList(),
            TopicIds = data.TopicIds.ToList(),
            CampaignIds = data.CampaignIds.ToList(),
            Language = data.Language,
            VideoUrl = data.VideoUrl,
            UsageNote = data.UsageNote,
            Restricted = data.Restricted,
            Files = data.Files.Select(f => new FileRow { Key = f.Key, MediaId = f.MediaId, Label = f.Label }).ToList(),
            CoverMediaId = data.CoverMediaId,
        };
        Version = item.ContentItemVersionId;
    }

    private async Task<IActionResult?> LoadAsync(string? id)
    {
        var ct = HttpContext.RequestAborted;
        var type = (await definitions.GetAsync(ct)).GetType(ResourceData.TypeName);
        if (type is null) return NotFound();
        if (!string.IsNullOrEmpty(id))
        {
            Item = id.Length <= 26 ? await contents.GetAsync(id, VersionOptions.Latest, ct) : null;
            if (Item is null || Item.ContentType != ResourceData.TypeName) return NotFound();
            Id = Item.ContentItemId;
            Status = await contents.GetStatusAsync(Id, ct);
            if (!await authorizer.CanAsync(User, ContentAction.Edit, type, Item.Owner)) return Denied();
        }
        else if (!await authorizer.CanCreateAsync(User, type)) return Denied();
        CanPublish = await authorizer.CanAsync(User, ContentAction.Publish, type, Item?.Owner ?? User.Identity?.Name);
        return null;
    }

    private async Task LoadChoicesAsync()
    {
        var ct = HttpContext.RequestAborted;
        Topics = await taxonomies.GetTermsAsync("topics", ct);
        Campaigns = (await contents.ListLatestOfTypeAsync("Campaign", ct)).Select(c => (c.ContentItemId, c.DisplayText)).ToList();
        var ids = Input.Files.Select(f => f.MediaId).Append(Input.CoverMediaId).Where(i => !string.IsNullOrEmpty(i)).Select(i => i!).Distinct().ToList();
        MediaFiles = ids.Count == 0 ? new Dictionary<string, MediaFile>() : await media.GetManyAsync(ids, ct);
        while (Input.NewFiles.Count < NewFileSlots) Input.NewFiles.Add(new NewFileRow());
    }

    public string Describe(string? mediaId) =>
        mediaId is not null && MediaFiles.TryGetValue(mediaId, out var f) ? $"{f.OriginalName} · {Public.FileFacts.Describe(f)}" : T["(missing from the media library)"];

    public string? Thumbnail(string? mediaId) =>
        mediaId is not null && MediaFiles.TryGetValue(mediaId, out var f) && f.IsImage && !f.Restricted
            ? media.GetUrl(f, f.DerivativesReady ? MediaDerivative.Thumbnail : MediaDerivative.Original) : null;
}
