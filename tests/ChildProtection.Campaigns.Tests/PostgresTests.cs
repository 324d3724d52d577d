using System.Net;
using ChildProtection.Campaigns.Data;
using ChildProtection.Campaigns.Reach;
using ChildProtection.Core.Contents;
using ChildProtection.Web.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Campaigns.Tests;

/// <summary>The campaigns module on PostgreSQL (scale-out mode): its migrations, sample data, reports, corrections, totals and the pages.</summary>
public sealed class PostgresTests
{
    [PostgresFact]
    public async Task Campaign_reach_is_reported_corrected_and_summed_on_postgresql()
    {
        await using var database = await PostgresDatabase.CreateAsync("cp_campaigns");
        using var factory = new CampaignsSiteFactory { PostgresConnectionString = database.ConnectionString };
        using var admin = await factory.SetUpAsync();
        var applied = await admin.PostFormAsync("/admin/recipes?handler=Apply", new() { ["name"] = "directory-sample" }, "/admin/recipes");
        Assert.Equal(HttpStatusCode.Redirect, applied.StatusCode);

        // The setup recipe's sample reports are there (a date column, grouped sums).
        using var visitor = factory.CreateSiteClient();
        Assert.Contains("<strong>885</strong> lượt người tham gia", await visitor.GetStringAsync("/chien-dich/phong-chong-duoi-nuoc-tre-em-2025-2030"));

        var today = CampaignsSite.Today;
        ContentItem campaign;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var contents = scope.ServiceProvider.GetRequiredService<IContentManager>();
            var item = await contents.NewAsync("Campaign");
            item.GetOrCreatePart("TitlePart")["Title"] = "Chiến dịch trên PostgreSQL";
            var part = item.GetOrCreatePart("CampaignPart");
            part["StartDate"] = today.AddDays(-10).ToString("yyyy-MM-dd");
            part["EndDate"] = today.AddDays(10).ToString("yyyy-MM-dd");
            part["WardCodes"] = CampaignsSite.Strings("P-PL", "P-TDM");
            part["ShowReachPublicly"] = true;
            var saved = await contents.SaveAsync(item, new SaveOptions { Publish = true, User = SiteFactory.AdminUser });
            Assert.True(saved.Succeeded, string.Join(" | ", saved.Errors.Select(e => e.Format())));
            campaign = saved.Item!;
        }

        var url = $"/admin/activities/new/{campaign.ContentItemId}";
        var first = await admin.PostFormAsync(url, new() { ["Form.Kind"] = "talk", ["Form.Date"] = today.AddDays(-2).ToString("yyyy-MM-dd"), ["Form.WardCode"] = "P-PL", ["Form.Children"] = "300", ["Form.Sessions"] = "3" });
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        var second = await admin.PostFormAsync(url, new() { ["Form.Kind"] = "forum", ["Form.Date"] = today.ToString("yyyy-MM-dd"), ["Form.WardCode"] = "P-TDM", ["Form.Children"] = "80", ["Form.Parents"] = "20" });
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        var refused = await admin.PostFormAsync(url, new() { ["Form.Kind"] = "forum", ["Form.Date"] = today.ToString("yyyy-MM-dd"), ["Form.WardCode"] = "X-BACHDANG", ["Form.Children"] = "-1" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);

        var reportId = first.Headers.Location!.OriginalString.Split('/')[^1];
        var reportUrl = $"/admin/activities/{reportId}";
        var corrected = await admin.PostFormAsync(reportUrl + "?handler=Correct", new()
        {
            ["Version"] = "1", ["Form.Kind"] = "talk", ["Form.Date"] = today.AddDays(-2).ToString("yyyy-MM-dd"), ["Form.WardCode"] = "P-PL",
            ["Form.Children"] = "310", ["Form.Sessions"] = "3", ["Form.Note"] = "Thêm một lớp",
        }, reportUrl);
        Assert.Equal(HttpStatusCode.Redirect, corrected.StatusCode);

        // Two corrections of the same version at once on separate connections: one wins.
        var editor = new Reporter("bientap", true, true, true, null);
        var race = await Task.WhenAll(Enumerable.Range(0, 4).Select(async i =>
        {
            await using var scope = factory.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<ReachReports>().CorrectAsync(reportId, 2,
                new ReachForm { Kind = "talk", Date = today.AddDays(-2).ToString("yyyy-MM-dd"), WardCode = "P-PL", Children = (400 + i).ToString(), Note = "Cùng lúc" }, editor);
        }));
        Assert.Equal(1, race.Count(r => r.Succeeded));

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CampaignsDbContext>();
            var versions = await db.Reports.AsNoTracking().Where(r => r.ReportId == reportId).OrderBy(r => r.Version).ToListAsync();
            Assert.Equal([1, 2, 3], versions.Select(v => v.Version));
            Assert.Equal([false, false, true], versions.Select(v => v.IsLatest));
            var totals = await scope.ServiceProvider.GetRequiredService<ReachTotals>().ForCampaignAsync(campaign.ContentItemId);
            var winner = race.Single(r => r.Succeeded).Report!.Children;
            Assert.Equal((2, winner + 100L), (totals.Total.Reports, totals.Total.Participants));
            Assert.Equal(["P-PL", "P-TDM"], totals.Wards.Select(w => w.WardCode));
        }

        var xlsx = await admin.Http.GetAsync($"/admin/campaigns/{campaign.ContentItemId}?handler=Xlsx");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Contains("<dt>Phường Phú Lợi</dt>", await visitor.GetStringAsync("/" + campaign.Path));
    }
}
