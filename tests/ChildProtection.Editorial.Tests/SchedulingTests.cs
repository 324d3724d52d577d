using System.Net;
using ChildProtection.Audit;
using ChildProtection.Core.Contents;
using ChildProtection.Editorial.Data;
using ChildProtection.Editorial.Scheduling;
using Hangfire;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Editorial.Tests;

/// <summary>
/// Scheduled publication: approval at a time writes a row of our own; the runner carries out what is
/// due (however late), through the engine's publish; two runners at once publish each item once.
/// Time passing is simulated by moving a row's due time into the past, never by waiting.
/// </summary>
public sealed class SchedulingTests(EditorialSite site) : IClassFixture<EditorialSite>
{
    private static string LocalInput(TimeSpan fromNow) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow + fromNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh")).ToString("yyyy-MM-ddTHH:mm");

    private Task<ScheduledPublishingJob.RunResult> RunAsync(string runner) => site.WithServicesAsync(sp =>
        sp.GetRequiredService<ScheduledPublishingJob>().RunAsync(runner, CancellationToken.None));

    /// <summary>As if the site had been down until after the row was due.</summary>
    private Task MakeDueAsync(string id) => site.EditorialAsync(db =>
        db.PublishSchedules.Where(s => s.ContentItemId == id).ExecuteUpdateAsync(s => s.SetProperty(x => x.DueUtc, DateTime.UtcNow.AddHours(-3))));

    [Fact]
    public async Task An_approval_for_a_later_time_is_kept_as_data_and_carried_out_when_due_even_late()
    {
        var id = await site.DraftArticleAsync(site.Editor, "Lịch tuyên truyền mùa hè", "tin-tuc/lich-tuyen-truyen-mua-he");
        Assert.Equal(HttpStatusCode.Redirect, (await site.ReviewAsync(site.Editor, id, "Submit")).StatusCode);
        var approved = await site.ReviewAsync(site.Reviewer, id, "Approve", new() { ["publishAt"] = LocalInput(TimeSpan.FromHours(2)) });
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        Assert.Equal(ReviewStatus.Scheduled, (await site.StateAsync(id))!.Status);
        var row = await site.EditorialAsync(db => db.PublishSchedules.AsNoTracking().SingleAsync(s => s.ContentItemId == id));
        Assert.Equal(ScheduleStatus.Pending, row.Status);
        Assert.Contains("Hẹn đăng lúc", await site.Editor.GetStringAsync($"/admin/content/{id}/edit"));
        Assert.Contains("Lịch tuyên truyền mùa hè", await site.Reviewer.GetStringAsync("/admin/review"));

        // Not yet due: the runner leaves it.
        await RunAsync("runner-early");
        Assert.Equal(HttpStatusCode.NotFound, (await site.Anonymous.Http.GetAsync("/tin-tuc/lich-tuyen-truyen-mua-he")).StatusCode);

        await MakeDueAsync(id);
        await RunAsync("runner-late");
        Assert.Equal(HttpStatusCode.OK, (await site.Anonymous.Http.GetAsync("/tin-tuc/lich-tuyen-truyen-mua-he")).StatusCode);
        row = await site.EditorialAsync(db => db.PublishSchedules.AsNoTracking().SingleAsync(s => s.ContentItemId == id));
        Assert.Equal(ScheduleStatus.Done, row.Status);
        Assert.Equal("runner-late", row.ClaimedBy);
        Assert.Equal(ReviewStatus.Published, (await site.StateAsync(id))!.Status);
        // Published through the engine as the reviewer who scheduled it; the editor is told.
        Assert.Contains(await site.AuditAsync(id), e => e.Action == AuditActions.Published && e.Actor == "bbt.duyet");
        Assert.True(await site.EditorialAsync(db => db.Notifications.AnyAsync(n => n.UserName == "bientapvien" && n.ContentItemId == id && n.Text.Contains("theo lịch hẹn"))));

        // Running again changes nothing.
        await RunAsync("runner-again");
        Assert.Single(await site.AuditAsync(id), e => e.Action == AuditActions.Published);
    }

    [Fact]
    public async Task An_article_edited_after_approval_is_not_published_by_its_schedule()
    {
        var id = await site.DraftArticleAsync(site.Editor, "Bài sửa sau khi duyệt", "tin-tuc/bai-sua-sau-khi-duyet");
        Assert.Equal(HttpStatusCode.Redirect, (await site.ReviewAsync(site.Editor, id, "Submit")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await site.ReviewAsync(site.Reviewer, id, "Approve", new() { ["publishAt"] = LocalInput(TimeSpan.FromHours(1)) })).StatusCode);

        var edited = await site.EditArticleAsync(site.Editor, id, "Bài sửa sau khi duyệt", "<p>Nội dung chưa được duyệt</p>", path: "tin-tuc/bai-sua-sau-khi-duyet");
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        Assert.Equal(ReviewStatus.Draft, (await site.StateAsync(id))!.Status);
        Assert.Equal(ScheduleStatus.Cancelled, (await site.EditorialAsync(db => db.PublishSchedules.AsNoTracking().SingleAsync(s => s.ContentItemId == id))).Status);

        await MakeDueAsync(id);
        await RunAsync("runner");
        Assert.Equal(HttpStatusCode.NotFound, (await site.Anonymous.Http.GetAsync("/tin-tuc/bai-sua-sau-khi-duyet")).StatusCode);
    }

    [Fact]
    public async Task A_scheduled_publication_can_be_cancelled()
    {
        var id = await site.DraftArticleAsync(site.Editor, "Bài hủy lịch hẹn");
        Assert.Equal(HttpStatusCode.Redirect, (await site.ReviewAsync(site.Editor, id, "Submit")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await site.ReviewAsync(site.Reviewer, id, "Approve", new() { ["publishAt"] = LocalInput(TimeSpan.FromDays(1)) })).StatusCode);
        var row = await site.EditorialAsync(db => db.PublishSchedules.AsNoTracking().SingleAsync(s => s.ContentItemId == id));

        // The editor may not cancel the reviewer's schedule.
        var refused = await site.ReviewAsync(site.Editor, id, "CancelSchedule", new() { ["scheduleId"] = row.Id.ToString() });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(ScheduleStatus.Pending, (await site.EditorialAsync(db => db.PublishSchedules.AsNoTracking().SingleAsync(s => s.Id == row.Id))).Status);

        Assert.Equal(HttpStatusCode.Redirect, (await site.ReviewAsync(site.Reviewer, id, "CancelSchedule", new() { ["scheduleId"] = row.Id.ToString() })).StatusCode);
        Assert.Equal(ScheduleStatus.Cancelled, (await site.EditorialAsync(db => db.PublishSchedules.AsNoTracking().SingleAsync(s => s.Id == row.Id))).Status);
        Assert.Equal(ReviewStatus.Submitted, (await site.StateAsync(id))!.Status);
        var again = await site.ReviewAsync(site.Reviewer, id, "CancelSchedule", new() { ["scheduleId"] = row.Id.ToString() });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, again.StatusCode);
    }

    [Fact]
    public Task Two_runners_at_once_publish_each_due_item_exactly_once() => TwoRunnersAsync(site);

    /// <summary>
    /// The multi-process case: on PostgreSQL several site processes share the schedule table, and each runner
    /// claims rows with a conditional UPDATE on its own connection. Two runners on two connections at once
    /// must still publish each due item exactly once.
    /// </summary>
    [PostgresFact]
    public async Task Two_runners_at_once_on_postgresql_publish_each_due_item_exactly_once()
    {
        await using var database = await PostgresDatabase.CreateAsync("cp_schedule");
        var postgres = new EditorialSite(database.ConnectionString);
        await postgres.InitializeAsync();
        try
        {
            await TwoRunnersAsync(postgres);
        }
        finally
        {
            await postgres.DisposeAsync();
        }
    }

    private static async Task TwoRunnersAsync(EditorialSite site)
    {
        Task<ScheduledPublishingJob.RunResult> RunAsync(string runner) => site.WithServicesAsync(sp =>
            sp.GetRequiredService<ScheduledPublishingJob>().RunAsync(runner, CancellationToken.None));
        const int count = 12;
        var ids = new List<string>();
        await site.WithServicesAsync(async sp =>
        {
            var contents = sp.GetRequiredService<IContentManager>();
            var db = sp.GetRequiredService<EditorialDbContext>();
            for (var i = 0; i < count; i++)
            {
                var item = await contents.NewAsync("Article");
                item.GetOrCreatePart("TitlePart")["Title"] = $"Bài hẹn giờ số {i}";
                var saved = await contents.SaveAsync(item, new SaveOptions { User = "bientapvien" });
                Assert.True(saved.Succeeded);
                ids.Add(saved.Item!.ContentItemId);
                db.PublishSchedules.Add(new PublishSchedule
                {
                    ContentItemId = saved.Item.ContentItemId, Action = ScheduledAction.Publish, DueUtc = DateTime.UtcNow.AddMinutes(-5 - i),
                    VersionId = saved.Item.ContentItemVersionId, RequestedBy = "bbt.duyet", RequestedUtc = DateTime.UtcNow.AddDays(-1), Status = ScheduleStatus.Pending,
                });
            }
            await db.SaveChangesAsync();
            return 0;
        });

        var results = await Task.WhenAll(Task.Run(() => RunAsync("node-a")), Task.Run(() => RunAsync("node-b")));

        Assert.Equal(count, results.Sum(r => r.Published));
        var rows = await site.EditorialAsync(db => db.PublishSchedules.AsNoTracking().Where(s => ids.Contains(s.ContentItemId)).ToListAsync());
        Assert.All(rows, r => Assert.Equal(ScheduleStatus.Done, r.Status));
        foreach (var id in ids)
        {
            Assert.Single(await site.AuditAsync(id), e => e.Action == AuditActions.Published);
            Assert.NotNull(await site.WithServicesAsync(sp => sp.GetRequiredService<IContentManager>().GetAsync(id, VersionOptions.Published)));
        }
    }

    [Fact]
    public async Task A_scheduled_withdrawal_takes_the_article_off_when_due_with_its_reason()
    {
        var id = await site.DraftArticleAsync(site.Editor, "Thông báo tuyển sinh lớp bơi hè", "tin-tuc/tuyen-sinh-lop-boi");
        Assert.Equal(HttpStatusCode.Redirect, (await site.ReviewAsync(site.Editor, id, "Submit")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await site.ReviewAsync(site.Reviewer, id, "Approve", new() { ["publishAt"] = "" })).StatusCode);

        var past = await site.ReviewAsync(site.Reviewer, id, "Withdraw", new() { ["kind"] = "Withdrawn", ["reason"] = "Hết hạn đăng ký", ["at"] = LocalInput(TimeSpan.FromHours(-1)) });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, past.StatusCode);
        Assert.Contains("đã qua", await past.Content.ReadAsStringAsync());

        var scheduled = await site.ReviewAsync(site.Reviewer, id, "Withdraw", new() { ["kind"] = "Withdrawn", ["reason"] = "Hết hạn đăng ký", ["at"] = LocalInput(TimeSpan.FromDays(30)) });
        Assert.Equal(HttpStatusCode.Redirect, scheduled.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await site.Anonymous.Http.GetAsync("/tin-tuc/tuyen-sinh-lop-boi")).StatusCode);

        await MakeDueAsync(id);
        await RunAsync("runner");
        var page = await site.Anonymous.Http.GetAsync("/tin-tuc/tuyen-sinh-lop-boi");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("Bài viết đã được rút", html);
        Assert.Contains("Hết hạn đăng ký", html);
        Assert.Contains(await site.AuditAsync(id), e => e.Action == AuditActions.Unpublished && e.Actor == "bbt.duyet");
    }

    [Fact]
    public async Task A_site_started_after_the_due_time_publishes_what_it_missed_through_hangfire()
    {
        var id = await site.DraftArticleAsync(site.Editor, "Bài đến hạn khi máy chủ tắt", "tin-tuc/den-han-khi-tat");
        Assert.Equal(HttpStatusCode.Redirect, (await site.ReviewAsync(site.Editor, id, "Submit")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await site.ReviewAsync(site.Reviewer, id, "Approve", new() { ["publishAt"] = LocalInput(TimeSpan.FromHours(1)) })).StatusCode);
        // The first site runs no job server: as far as publishing goes, it is down while the time passes.
        await MakeDueAsync(id);

        // Another process on the same data (a restart, or a second node) with a job server: its start-up run catches up.
        using var restarted = new ChildProtection.Web.Tests.SiteFactory { Settings = { ["App:DataPath"] = site.Factory.DataPath, ["Jobs:RunServer"] = "true" } };
        using var client = restarted.CreateSiteClient();
        ScheduleStatus status = ScheduleStatus.Pending;
        for (var i = 0; i < 120 && status != ScheduleStatus.Done; i++)
        {
            await Task.Delay(500);
            status = (await site.EditorialAsync(db => db.PublishSchedules.AsNoTracking().SingleAsync(s => s.ContentItemId == id))).Status;
        }
        Assert.Equal(ScheduleStatus.Done, status);
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/tin-tuc/den-han-khi-tat")).StatusCode);
    }

    [Fact]
    public void The_runner_is_registered_as_a_recurring_job_every_minute()
    {
        using var connection = site.Factory.Services.GetRequiredService<JobStorage>().GetConnection();
        var job = Assert.Single(connection.GetRecurringJobs(), j => j.Id == ScheduledPublishingJob.RecurringJobId);
        Assert.Equal(Cron.Minutely(), job.Cron);
    }
}
