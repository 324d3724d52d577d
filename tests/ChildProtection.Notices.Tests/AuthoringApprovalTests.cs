using System.Net;
using ChildProtection.Notices.Data;
using static ChildProtection.Notices.Tests.AuthoringForms;

namespace ChildProtection.Notices.Tests;

/// <summary>Second-person approval: the author cannot approve their own notice; another sender can, or sends it back with a reason.</summary>
public sealed class AuthoringApprovalTests(AuthoringSite site) : IClassFixture<AuthoringSite>
{
    private async Task<(int Id, string Version)> SubmittedAsync(string number)
    {
        var id = await CreateDraftAsync(site.Sender, number, change: f => f.Add(new("Input.RequiresApproval", "true")));
        var version = (await site.FindNoticeAsync(number))!.Version.ToString();
        var submitted = await site.Sender.PostFormAsync($"/admin/notices/{id}?handler=Submit", new() { ["version"] = version }, $"/admin/notices/{id}");
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        var notice = (await site.FindNoticeAsync(number))!;
        Assert.Equal(NoticeStatus.AwaitingApproval, notice.Status);
        return (id, notice.Version.ToString());
    }

    [Fact]
    public async Task The_author_cannot_approve_their_own_notice()
    {
        var (id, version) = await SubmittedAsync("201/UBND-LĐTBXH");

        var response = await site.Sender.PostFormAsync($"/admin/notices/{id}?handler=Approve", new() { ["version"] = version }, $"/admin/notices/{id}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await site.Sender.GetStringAsync($"/admin/notices/{id}");
        Assert.Contains("Bạn không thể tự duyệt công văn do mình soạn hoặc trình", page);
        var notice = (await site.FindNoticeAsync("201/UBND-LĐTBXH"))!;
        Assert.Equal(NoticeStatus.AwaitingApproval, notice.Status);
        Assert.Null(notice.ApprovedBy);
    }

    [Fact]
    public async Task Another_sender_approves_and_the_notice_may_then_be_sent()
    {
        var (id, version) = await SubmittedAsync("202/UBND-LĐTBXH");
        var before = await site.Approver.GetStringAsync($"/admin/notices/{id}");
        Assert.Contains("Chờ duyệt", before);

        var response = await site.Approver.PostFormAsync($"/admin/notices/{id}?handler=Approve", new() { ["version"] = version }, $"/admin/notices/{id}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var notice = (await site.FindNoticeAsync("202/UBND-LĐTBXH"))!;
        Assert.Equal("duyetcongvan", notice.ApprovedBy);
        Assert.Equal(NoticeStatus.Draft, notice.Status);
        var page = await site.Sender.GetStringAsync($"/admin/notices/{id}");
        Assert.Contains("Đã duyệt, sẵn sàng gửi", page);
        Assert.Contains("Gửi tới 3 địa chỉ?", page);
        Assert.Contains("Đã duyệt", page);
    }

    [Fact]
    public async Task A_rejection_needs_a_reason_and_sends_the_draft_back_showing_it()
    {
        var (id, version) = await SubmittedAsync("203/UBND-LĐTBXH");
        await site.Approver.PostFormAsync($"/admin/notices/{id}?handler=Reject", new() { ["version"] = version, ["reason"] = "" }, $"/admin/notices/{id}");
        Assert.Equal(NoticeStatus.AwaitingApproval, (await site.FindNoticeAsync("203/UBND-LĐTBXH"))!.Status);

        await site.Approver.PostFormAsync($"/admin/notices/{id}?handler=Reject", new() { ["version"] = version, ["reason"] = "Sai số ký hiệu, đề nghị kiểm tra lại." }, $"/admin/notices/{id}");

        var notice = (await site.FindNoticeAsync("203/UBND-LĐTBXH"))!;
        Assert.Equal(NoticeStatus.Draft, notice.Status);
        Assert.Equal("Sai số ký hiệu, đề nghị kiểm tra lại.", notice.RejectionReason);
        Assert.Contains("Sai số ký hiệu, đề nghị kiểm tra lại.", await site.Sender.GetStringAsync($"/admin/notices/edit/{id}"));
    }

    [Fact]
    public async Task A_notice_requiring_approval_is_not_sent_before_it_is_approved()
    {
        var id = await CreateDraftAsync(site.Sender, "204/UBND-LĐTBXH", change: f => f.Add(new("Input.RequiresApproval", "true")));
        var version = (await site.FindNoticeAsync("204/UBND-LĐTBXH"))!.Version.ToString();

        await site.Sender.PostFormAsync($"/admin/notices/{id}?handler=Send", new() { ["version"] = version, ["when"] = "now" }, $"/admin/notices/{id}");

        Assert.Equal(NoticeStatus.Draft, (await site.FindNoticeAsync("204/UBND-LĐTBXH"))!.Status);
        Assert.Contains("phải được người khác duyệt trước khi gửi", await site.Sender.GetStringAsync($"/admin/notices/{id}"));
    }
}
