using System.Globalization;
using ChildProtection.Core.Contents;
using ChildProtection.Core.Settings;
using ChildProtection.Media.Admin;
using ChildProtection.Media.Data;
using ChildProtection.Media.Usage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Media.Pages.Admin.Media;

/// <summary>
/// The library: folders, search by name, alt text and folder, server-side paging, upload of many files
/// (one request per file from the script, so each has its own progress bar and cancel; one form post
/// of them all without script), moving a selection. Also the JSON the media picker reads.
/// </summary>
[RequestSizeLimit(MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes)]
public sealed class IndexModel(MediaAdmin admin, MediaLibrary library, MediaUsageQuery usage, MediaOptions options, ISiteSettingsService settings) : MediaPageModel
{
    /// <summary>Several files in one form post without script; the library's own limit applies to each.</summary>
    public const long MaxRequestBytes = 512L * 1024 * 1024;
    public const int PageSize = 40;

    [FromQuery(Name = "folder")] public string? Folder { get; set; }
    [FromQuery(Name = "all")] public bool AllFolders { get; set; }
    [FromQuery(Name = "q")] public string? Q { get; set; }
    [FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;
    /// <summary>Only images marked as showing identifiable children (every folder).</summary>
    [FromQuery(Name = "children")] public bool ChildrenOnly { get; set; }

    public PagedResult<MediaRecord> Result { get; private set; } = new([], 0, 1, PageSize);
    public List<string> Folders { get; private set; } = [];
    public Dictionary<string, int> UseCounts { get; private set; } = [];
    public SiteTime Time { get; private set; } = null!;
    public string CurrentFolder => MediaFolders.Normalize(Folder) ?? "";
    public long MaxFileBytes => options.MaxFileBytes;

    public async Task<IActionResult> OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        Time = SiteTime.From(await settings.GetAsync(ct));
        Folders = await admin.FoldersAsync(ct);
        Result = await admin.ListAsync(Query(), ct);
        UseCounts = await usage.CountsAsync(Result.Items.Select(r => r.Id).ToList(), ct);
        return Page();
    }

    private MediaListQuery Query(bool imagesOnly = false, int? pageSize = null) => new()
    {
        // Searching looks everywhere unless a folder is chosen; browsing shows one folder.
        Folder = AllFolders || ((!string.IsNullOrWhiteSpace(Q) || ChildrenOnly) && string.IsNullOrEmpty(Folder)) ? null : CurrentFolder,
        ShowsChildren = ChildrenOnly,
        IncludeSubfolders = !string.IsNullOrWhiteSpace(Q),
        Search = Q?.Length > 200 ? Q[..200] : Q,
        ImagesOnly = imagesOnly,
        Page = PageNumber,
        PageSize = pageSize ?? PageSize,
    };

    /// <summary>The picker's list: <c>?handler=Json&amp;q=&amp;folder=&amp;images=true&amp;page=</c>.</summary>
    public async Task<IActionResult> OnGetJsonAsync([FromQuery(Name = "images")] bool imagesOnly)
    {
        var ct = HttpContext.RequestAborted;
        if (string.IsNullOrEmpty(Folder)) AllFolders = true;
        var result = await admin.ListAsync(Query(imagesOnly, 24), ct);
        return new JsonResult(new
        {
            total = result.TotalCount,
            page = result.Page,
            pages = result.PageCount,
            items = result.Items.Select(r => ToJson(r)),
        });
    }

    /// <summary>One file for the picker's preview of what an item already holds.</summary>
    public async Task<IActionResult> OnGetFileAsync([FromQuery(Name = "id")] string? id)
    {
        var record = id is null ? null : await admin.GetAsync(id, HttpContext.RequestAborted);
        return record is null ? NotFound() : new JsonResult(ToJson(record));
    }

    internal static object ToJson(MediaRecord r) => new
    {
        id = r.Id,
        name = r.OriginalName,
        folder = r.Folder,
        kind = r.Kind.ToString(),
        isImage = r.Kind == MediaKind.Image,
        contentType = r.ContentType,
        size = Size(r.Length),
        width = r.Width,
        height = r.Height,
        alt = r.AltText,
        showsChildren = r.ShowsChildren,
        needsConsent = r.NeedsConsent,
        url = MediaLibrary.UrlOf(r.Id, r.StoredName, r.Kind, r.ContentType, MediaDerivative.Original),
        thumbnail = r.Kind == MediaKind.Image ? MediaLibrary.UrlOf(r.Id, r.StoredName, r.Kind, r.ContentType, MediaDerivative.Thumbnail) : null,
        edit = $"/admin/media/{r.Id}",
    };

    /// <summary>
    /// Files from the form (<c>files</c>) into <c>folder</c>. The script posts one file per request and
    /// reads JSON; without script the whole selection comes at once and the page reloads with the outcome.
    /// </summary>
    public async Task<IActionResult> OnPostUploadAsync([FromForm] List<IFormFile>? files, [FromForm] string? folder, [FromForm] string? altText)
    {
        var ct = HttpContext.RequestAborted;
        var stored = new List<MediaRecord>();
        var errors = new List<string>();
        foreach (var file in files ?? [])
        {
            await using var content = file.OpenReadStream();
            var (record, error) = await library.StoreRecordAsync(new MediaUpload
            {
                Content = content, OriginalName = file.FileName, Folder = folder ?? "", AltText = files!.Count == 1 ? altText : null, User = Actor,
            }, ct);
            if (record is not null) stored.Add(record);
            else errors.Add(error!);
        }
        if (files is null || files.Count == 0) errors.Add(T("Choose one or more files to upload."));
        if (WantsJson)
        {
            var body = new { stored = stored.Select(r => ToJson(r)), errors };
            return errors.Count > 0 && stored.Count == 0 ? new JsonResult(body) { StatusCode = 422 } : new JsonResult(body);
        }
        if (stored.Count > 0) TempData["Message"] = T("{0} file(s) uploaded.", stored.Count);
        if (errors.Count > 0) TempData["Error"] = string.Join(" ", errors);
        return Redirect(ListUrl(MediaFolders.Normalize(folder) ?? ""));
    }

    public async Task<IActionResult> OnPostCreateFolderAsync([FromForm] string? parent, [FromForm] string? name)
    {
        var result = await admin.CreateFolderAsync(MediaFolders.Normalize(parent) ?? "", name ?? "", HttpContext.RequestAborted);
        if (!result.Succeeded) TempData["Error"] = result.Error;
        else TempData["Message"] = T("The folder was created.");
        var created = MediaFolders.Normalize(string.IsNullOrEmpty(parent) ? name : $"{parent}/{name}") ?? "";
        return Redirect(ListUrl(result.Succeeded ? created : MediaFolders.Normalize(parent) ?? ""));
    }

    public async Task<IActionResult> OnPostDeleteFolderAsync([FromForm] string? path)
    {
        var normalized = MediaFolders.Normalize(path) ?? "";
        var result = await admin.DeleteFolderAsync(normalized, HttpContext.RequestAborted);
        if (!result.Succeeded) TempData["Error"] = result.Error;
        else TempData["Message"] = T("The folder was deleted.");
        return Redirect(ListUrl(result.Succeeded ? MediaFolders.ParentOf(normalized) : normalized));
    }

    public async Task<IActionResult> OnPostMoveAsync([FromForm] List<string>? ids, [FromForm] string? target, [FromForm] string? newFolder)
    {
        var destination = string.IsNullOrWhiteSpace(newFolder) ? target : newFolder;
        if (ids is null || ids.Count == 0) TempData["Error"] = T("Select the files to move first.");
        else
        {
            var result = await admin.MoveAsync(ids.Where(MediaStorage.IsValidId).ToList(), destination, HttpContext.RequestAborted);
            if (result.Succeeded) TempData["Message"] = T("{0} file(s) moved.", ids.Count);
            else TempData["Error"] = result.Error;
        }
        return Redirect(ListUrl(CurrentFolder));
    }

    /// <summary>The picker asks for alt text before an image goes into content.</summary>
    public async Task<IActionResult> OnPostDescribeAsync([FromForm] string? id, [FromForm] string? altText)
    {
        var record = id is null ? null : await admin.GetAsync(id, HttpContext.RequestAborted);
        if (record is null) return NotFound();
        if (string.IsNullOrWhiteSpace(altText)) return new JsonResult(new { error = T("Describe the image for people who cannot see it.") }) { StatusCode = 422 };
        await admin.DescribeAsync(record.Id, altText, record.Caption, record.Credit, HttpContext.RequestAborted);
        return new JsonResult(ToJson((await admin.GetAsync(record.Id, HttpContext.RequestAborted))!));
    }

    private string T(string key, params object[] args) =>
        HttpContext.RequestServices.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<MediaText>>()[key, args];

    public static string ListUrl(string folder, int page = 1, string? q = null, bool all = false, bool children = false) => "/admin/media" + QueryString.Create(new Dictionary<string, string?>
    {
        ["children"] = children ? "true" : null,
        ["folder"] = folder.Length == 0 ? null : folder,
        ["q"] = string.IsNullOrWhiteSpace(q) ? null : q,
        ["all"] = all ? "true" : null,
        ["page"] = page > 1 ? page.ToString(CultureInfo.InvariantCulture) : null,
    }.Where(p => p.Value is not null)).ToUriComponent();

    public string PageUrl(int page) => ListUrl(CurrentFolder, page, Q, AllFolders, ChildrenOnly);
}
