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
public sealed class EditModel(MediaAdmin admin, MediaUsageQuery usage, ISiteSettingsService settings, IStringLocalizer<MediaText> T) : MediaPageModel
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

    private async Task<IActionResult> ShowAsync(string? error)
    {
        Error = error;
        await LoadAsync();
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }
}
