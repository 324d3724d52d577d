using ChildProtection.Core.Settings;
using ChildProtection.Media.Admin;
using ChildProtection.Media.Data;
using ChildProtection.Media.Usage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace ChildProtection.Media.Pages.Admin.Media;

/// <summary>One file: preview, alt text (Vietnamese), caption and credit, rename, move, "used by", delete.</summary>
public sealed class EditModel(MediaAdmin admin, MediaLibrary library, ConsentRecords consent, MediaUsageQuery usage, ISiteSettingsService settings, IStringLocalizer<MediaText> T) : MediaPageModel
{
    [FromRoute] public string Id { get; set; } = "";

    public MediaRecord Record { get; private set; } = null!;
    public IReadOnlyList<MediaUser> Users { get; private set; } = [];
    public List<string> Folders { get; private set; } = [];
    public SiteTime Time { get; private set; } = null!;
    public string? Error { get; private set; }
    public IReadOnlyList<MediaUser>? Blocking { get; private set; }

    private async Task<bool> LoadAsync()
    {
        var ct = HttpContext.RequestAborted;
        var record = await admin.GetAsync(Id, ct);
        if (record is null) return false;
        Record = record;
        Users = await usage.UsersOfAsync(Id, ct);
        Folders = await admin.FoldersAsync(ct);
        Time = SiteTime.From(await settings.GetAsync(ct));
        return true;
    }

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    /// <summary>
    /// The bytes exactly as uploaded (metadata and all), for staff with ManageMedia only: never cached, always
    /// a download, and sandboxed should a browser try to render it (a polyglot stays inert).
    /// </summary>
    public async Task<IActionResult> OnGetOriginalAsync()
    {
        var record = await admin.GetAsync(Id, HttpContext.RequestAborted);
        if (record is null || await library.OpenUntouchedAsync(record, HttpContext.RequestAborted) is not { } content) return NotFound();
        var result = Endpoints.MediaEndpoints.Send(HttpContext, content, record.Kind, downloadRequested: true, cacheControl: "private, no-store");
        Response.Headers.ContentSecurityPolicy = Endpoints.MediaEndpoints.DownloadOnlyCsp;
        return new HttpResultAction(result);
    }

    /// <summary>Pages that publish this image now: they keep showing it, so a missing consent record needs their attention.</summary>
    public IReadOnlyList<MediaUser> PublishedUsers => Users.Where(u => u.Published && !u.InRecycleBin).ToList();

    public async Task<IActionResult> OnPostConsentAsync([FromForm] bool showsChildren, [FromForm] string? consentGivenBy, [FromForm] string? consentRelation,
        [FromForm] string? consentDate, [FromForm] string? consentFormLocation)
    {
        if (!await LoadAsync()) return NotFound();
        var today = DateOnly.FromDateTime(Time.ToLocal(DateTime.UtcNow));
        var result = await consent.SaveAsync(Id, new ConsentInput(showsChildren, consentGivenBy, consentRelation, consentDate, consentFormLocation), Actor, today, HttpContext.RequestAborted);
        if (!result.Succeeded) return await ShowAsync(result.Error);
        // Saving a mark without the whole record is allowed (the signed form may still be on its way), but
        // "saved" alone would let staff think the image may now be used: say what it still blocks.
        var complete = new[] { consentGivenBy, consentRelation, consentDate, consentFormLocation }.All(v => !string.IsNullOrWhiteSpace(v));
        TempData["Message"] = (showsChildren && !complete
            ? T["Saved. The image is marked as showing children but its consent record is not complete (who consented, their relation, the date, where the signed form is kept): it cannot be used in published content yet."]
            : T["The consent record was saved."]).Value;
        return Redirect($"/admin/media/{Id}");
    }

    public async Task<IActionResult> OnPostSaveAsync([FromForm] string? name, [FromForm] string? altText, [FromForm] string? caption, [FromForm] string? credit)
    {
        if (!await LoadAsync()) return NotFound();
        var ct = HttpContext.RequestAborted;
        if (!string.IsNullOrWhiteSpace(name) && name.Trim() != Record.OriginalName)
        {
            var renamed = await admin.RenameAsync(Id, name, ct);
            if (!renamed.Succeeded) return await ShowAsync(renamed.Error);
        }
        var described = await admin.DescribeAsync(Id, altText, caption, credit, ct);
        if (!described.Succeeded) return await ShowAsync(described.Error);
        TempData["Message"] = T["The file's details were saved."].Value;
        return Redirect($"/admin/media/{Id}");
    }

    public async Task<IActionResult> OnPostMoveAsync([FromForm] string? target, [FromForm] string? newFolder)
    {
        if (!await LoadAsync()) return NotFound();
        var result = await admin.MoveAsync([Id], string.IsNullOrWhiteSpace(newFolder) ? target : newFolder, HttpContext.RequestAborted);
        if (!result.Succeeded) return await ShowAsync(result.Error);
        TempData["Message"] = T["The file was moved."].Value;
        return Redirect($"/admin/media/{Id}");
    }

    public async Task<IActionResult> OnPostDeleteAsync()
    {
        if (!await LoadAsync()) return NotFound();
        var folder = Record.Folder;
        var result = await admin.DeleteAsync(Id, HttpContext.RequestAborted);
        if (!result.Succeeded)
        {
            Blocking = result.Users;
            return await ShowAsync(result.Error);
        }
        TempData["Message"] = T["{0} was deleted.", Record.OriginalName].Value;
        return Redirect(IndexModel.ListUrl(folder));
    }

    /// <summary>An endpoint result (range, ETag) returned from a page handler.</summary>
    private sealed class HttpResultAction(IResult result) : IActionResult
    {
        public Task ExecuteResultAsync(ActionContext context) => result.ExecuteAsync(context.HttpContext);
    }

    private async Task<IActionResult> ShowAsync(string? error)
    {
        Error = error;
        await LoadAsync();
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }
}
