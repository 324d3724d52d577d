using ChildProtection.Core.Contents;
using ChildProtection.Editorial.Review;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace ChildProtection.Editorial.Pages.Admin.Review;

/// <summary>
/// One item's review: its state, thread and the workflow's forms. The handlers are the only way in for
/// the content editor's review panel too. The page and every handler first require the right to edit the
/// item or to review its type (<see cref="ReviewPanelBuilder.MayOpenAsync"/>): anyone else who may open the
/// admin is refused as the editor refuses them, before a step runs or a word of the draft is shown. Each step
/// then leaves the decision to <see cref="ReviewWorkflow"/>, which checks the finer rights. A refused step
/// shows its message here, with the status it deserves.
/// </summary>
public sealed class ItemModel(IContentManager contents, ReviewWorkflow workflow, ReviewPanelBuilder panels, IStringLocalizer<EditorialText> T) : PageModel
{
    public ReviewPanel Panel { get; private set; } = null!;
    public ReviewOutcome? Failure { get; private set; }

    private async Task<ContentItem?> LatestAsync(string id) =>
        id.Length <= 26 ? await contents.GetAsync(id, VersionOptions.Latest, HttpContext.RequestAborted) : null;

    /// <summary>Null when the person may open the item's review; otherwise the answer: 404 for no such item, else refused.</summary>
    private async Task<IActionResult?> RefusalAsync(string id)
    {
        var latest = await LatestAsync(id);
        if (latest is null) return NotFound();
        return await panels.MayOpenAsync(User, latest, HttpContext.RequestAborted) ? null : Forbid();
    }

    private async Task<bool> LoadAsync(string id)
    {
        var latest = await LatestAsync(id);
        if (latest is null) return false;
        var panel = await panels.BuildAsync(User, latest, HttpContext.RequestAborted);
        if (panel is null) return false;
        Panel = panel;
        return true;
    }

    public async Task<IActionResult> OnGetAsync(string id) =>
        await RefusalAsync(id) ?? (await LoadAsync(id) ? Page() : NotFound());

    public Task<IActionResult> OnPostSubmitAsync(string id, string? comment, string? returnUrl) =>
        RunAsync(id, returnUrl, () => workflow.SubmitAsync(User, id, comment, HttpContext.RequestAborted));

    public Task<IActionResult> OnPostReturnAsync(string id, string? comment, string? returnUrl) =>
        RunAsync(id, returnUrl, () => workflow.ReturnAsync(User, id, comment, HttpContext.RequestAborted));

    public Task<IActionResult> OnPostApproveAsync(string id, string? comment, string? publishAt, string? returnUrl) =>
        RunAsync(id, returnUrl, () => workflow.ApproveAsync(User, id, publishAt, comment, HttpContext.RequestAborted));

    public Task<IActionResult> OnPostCancelScheduleAsync(string id, long scheduleId, string? returnUrl) =>
        RunAsync(id, returnUrl, () => workflow.CancelScheduleAsync(User, id, scheduleId, HttpContext.RequestAborted));

    public Task<IActionResult> OnPostWithdrawAsync(string id, string? kind, string? reason, string? successor, string? at, string? returnUrl) =>
        RunAsync(id, returnUrl, () => Enum.TryParse<RetirementKind>(kind, out var k) && Enum.IsDefined(k)
            ? workflow.WithdrawAsync(User, id, k, reason, successor, at, HttpContext.RequestAborted)
            : Task.FromResult(new ReviewOutcome(ReviewFailure.Invalid, T["Choose why the item is taken off the site."])));

    public Task<IActionResult> OnPostCommentAsync(string id, string? comment, string? returnUrl) =>
        RunAsync(id, returnUrl, () => workflow.CommentAsync(User, id, comment, HttpContext.RequestAborted));

    private async Task<IActionResult> RunAsync(string id, string? returnUrl, Func<Task<ReviewOutcome>> step)
    {
        if (await RefusalAsync(id) is { } refusal) return refusal;
        var outcome = await step();
        if (outcome.Failure == ReviewFailure.NotFound) return NotFound();
        if (outcome.Succeeded)
        {
            TempData["Message"] = outcome.Message;
            return Redirect(!string.IsNullOrEmpty(returnUrl) && Url.IsLocalUrl(returnUrl) ? returnUrl : $"/admin/review/item/{id}");
        }
        if (!await LoadAsync(id)) return NotFound();
        Failure = outcome;
        Response.StatusCode = outcome.StatusCode;
        return Page();
    }
}
