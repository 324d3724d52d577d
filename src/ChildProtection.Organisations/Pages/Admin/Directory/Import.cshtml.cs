using ChildProtection.Organisations.Import;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace ChildProtection.Organisations.Pages.Admin.Directory;

/// <summary>
/// Import with a preview: upload → every row checked and shown → "import the good rows" or "import nothing".
/// The uploaded table waits server-side (<see cref="ImportPreviewStore"/>); the confirming request carries
/// only its id, and the rows are checked again against the directory as it is at that moment.
/// Also export and the template, in the same columns.
/// </summary>
// Razor Pages honour these on the page model, not on a handler: room for the largest file and its multipart envelope.
[RequestSizeLimit(MaxUploadBytes + 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxUploadBytes + 1024 * 1024)]
public sealed class ImportModel(ImportPreviewStore previews, ImportPlanner planner, ImportCommitter committer, DirectoryExport export, IStringLocalizer<DirectoryText> T) : DirectoryAdminPage
{
    public const long MaxUploadBytes = 10 * 1024 * 1024;
    /// <summary>Rows shown in full; beyond that, only rows with problems (all problems are always listed).</summary>
    public const int ShownGoodRows = 1000;

    public string? PreviewId { get; private set; }
    public string? FileName { get; private set; }
    public ImportPlan? Plan { get; private set; }
    public string[] Headers { get; private set; } = [];

    private string UserName => User.Identity?.Name ?? "";

    public async Task<IActionResult> OnGetAsync(string? preview)
    {
        if (!await MayManageAsync()) return Denied();
        if (preview is not null)
        {
            var stored = await previews.LoadAsync(preview, UserName, HttpContext.RequestAborted);
            if (stored is null)
            {
                Errors.Add(T["This preview has expired or does not exist. Upload the file again."]);
                return Page();
            }
            PreviewId = preview;
            FileName = stored.FileName;
            Headers = stored.Headers;
            Plan = await planner.PlanAsync(stored.Table, HttpContext.RequestAborted);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostUploadAsync(IFormFile? file)
    {
        if (!await MayManageAsync()) return Denied();
        if (file is null || file.Length == 0)
            return Refuse(T["Choose a CSV or XLSX file to upload."]);
        if (file.Length > MaxUploadBytes)
            return Refuse(T["The file is larger than {0} MB. Split it into several files.", MaxUploadBytes / 1024 / 1024]);
        byte[] bytes;
        using (var buffer = new MemoryStream())
        {
            await file.CopyToAsync(buffer, HttpContext.RequestAborted);
            bytes = buffer.ToArray();
        }
        var (table, failure) = ImportTableReader.Read(bytes);
        if (table is null) return Refuse(planner.DescribeFailure(failure));
        if (table.Rows.Count == 0) return Refuse(T["The file has column names but no rows."]);
        var name = Path.GetFileName(file.FileName ?? "");
        var id = await previews.SaveAsync(new StoredImport(UserName, DateTime.UtcNow, name.Length > 200 ? name[..200] : name, table.Headers, table.Rows.ToList()), HttpContext.RequestAborted);
        return Redirect($"/admin/directory/import?preview={id}");
    }

    public async Task<IActionResult> OnPostCommitAsync(string? previewId)
    {
        if (!await MayManageAsync()) return Denied();
        var stored = await previews.LoadAsync(previewId, UserName, HttpContext.RequestAborted);
        if (stored is null) return Refuse(T["This preview has expired or does not exist. Upload the file again."]);
        var plan = await planner.PlanAsync(stored.Table, HttpContext.RequestAborted);
        if (!plan.CanImport) return Refuse(T["No row of this file can be imported."]);
        int written;
        try
        {
            written = await committer.CommitAsync(plan, HttpContext.RequestAborted);
        }
        catch (Microsoft.EntityFrameworkCore.DbUpdateException)
        {
            // Someone changed the directory between the check and the write (an address taken meanwhile):
            // the transaction rolled back, so nothing was imported; the preview stays for another try.
            return Refuse(T["The directory changed while importing, so nothing was imported. Open the preview again to see the rows as they are now."]);
        }
        await previews.RemoveAsync(previewId, HttpContext.RequestAborted);
        var updated = plan.Rows.Count(r => r.IsGood && r.IsUpdate);
        TempData["Message"] = T["Imported {0} rows ({1} new, {2} updated); {3} rows with problems were skipped.", written, written - updated, updated, plan.ProblemCount].Value;
        return Redirect("/admin/directory");
    }

    public async Task<IActionResult> OnPostDiscardAsync(string? previewId)
    {
        if (!await MayManageAsync()) return Denied();
        await previews.RemoveAsync(previewId, HttpContext.RequestAborted);
        TempData["Message"] = T["Nothing was imported."].Value;
        return Redirect("/admin/directory/import");
    }

    public async Task<IActionResult> OnGetExportAsync(string? format)
    {
        if (!await MayManageAsync()) return Denied();
        var rows = await export.RowsAsync(HttpContext.RequestAborted);
        var stamp = DateTime.UtcNow.AddHours(7).ToString("yyyyMMdd-HHmm");
        return format == "csv"
            ? File(DirectoryExport.ToCsv(rows), "text/csv; charset=utf-8", $"danh-ba-{stamp}.csv")
            : File(DirectoryExport.ToXlsx(rows), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"danh-ba-{stamp}.xlsx");
    }

    public async Task<IActionResult> OnGetTemplateAsync(string? format)
    {
        if (!await MayManageAsync()) return Denied();
        string[][] rows = [DirectoryExport.ExampleRow];
        return format == "csv"
            ? File(DirectoryExport.ToCsv(rows), "text/csv; charset=utf-8", "mau-danh-ba.csv")
            : File(DirectoryExport.ToXlsx(rows), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "mau-danh-ba.xlsx");
    }

    private PageResult Refuse(string message)
    {
        Errors.Add(message);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    public string CellOf(PlannedRow row, ImportColumn column)
    {
        for (var i = 0; i < Headers.Length && i < row.Cells.Length; i++)
            if (ImportColumns.Match(Headers[i]) == column) return row.Cells[i];
        return "";
    }
}
