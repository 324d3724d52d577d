using ChildProtection.Notices.Acknowledgement;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChildProtection.Notices.Pages.Acknowledgement;

/// <summary>
/// An attachment of the notice, for the holder of a valid personal link (the page's list, or the e-mail's
/// download links when the files were too large to attach). The first download per file is counted for
/// the report; downloading does not acknowledge.
/// </summary>
public sealed class AcknowledgementFileModel(AcknowledgementDesk desk, NoticeFiles files) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string token, int attachmentId)
    {
        var found = await desk.LookUpAsync(token, HttpContext.RequestAborted);
        if (found.Kind is AcknowledgementPageKind.Expired or AcknowledgementPageKind.Withdrawn) return StatusCode(StatusCodes.Status410Gone);
        if (found.Kind != AcknowledgementPageKind.Valid || found.Notice is null) return NotFound();
        var attachment = found.Notice.Attachments.FirstOrDefault(a => a.Id == attachmentId);
        if (attachment is null) return NotFound();
        var stored = await files.OpenAsync(found.Notice.Id, attachment.StoredName, HttpContext.RequestAborted);
        if (stored is null) return NotFound();
        if (found.Recipient is { } recipient) await desk.RecordDownloadAsync(recipient, attachment.Id, HttpContext.RequestAborted);
        Response.Headers.CacheControl = "private, no-store";
        return NoticeFileResults.Send(stored, attachment.ContentType, attachment.FileName);
    }
}
