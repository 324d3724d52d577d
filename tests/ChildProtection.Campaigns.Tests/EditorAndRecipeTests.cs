using System.Net;
using System.Text.Json.Nodes;
using ChildProtection.Campaigns.Data;
using ChildProtection.Campaigns.Parts;
using ChildProtection.Core.Contents;
using ChildProtection.Core.Recipes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Campaigns.Tests;

/// <summary>The campaign through the admin's content editor, and the ReachReports recipe step.</summary>
public sealed class EditorAndRecipeTests(CampaignsSite site) : IClassFixture<CampaignsSite>
{
    [Fact]
    public async Task An_editor_writes_a_campaign_in_the_content_editor_and_a_bad_period_comes_back_in_vietnamese()
    {
        var form = await site.Admin.GetStringAsync("/admin/content/new/Campaign");
        Assert.Contains("name=\"CampaignPart.StartDate\"", form);
        Assert.Contains("value=\"P-PL\"", form);
        Assert.Contains("Phường Phú Cường (cũ) (đến 30/06/2025)", form);
        Assert.Contains("name=\"CampaignPart.ShowReachPublicly\"", form);
        Assert.Contains("name=\"MediaPart.mediaId\"", form);

        var fields = new Dictionary<string, string>
        {
            ["TitlePart.Title"] = "Tháng hành động vì trẻ em 2026",
            ["RoutePart.Path"] = "",
            ["CampaignPart.Theme"] = "Chung tay bảo vệ trẻ em",
            ["CampaignPart.StartDate"] = "2026-06-30",
            ["CampaignPart.EndDate"] = "2026-06-01",
            ["CampaignPart.Goals"] = "Mục tiêu một\r\nMục tiêu hai",
            ["CampaignPart.WardCodes"] = "P-TDM",
            ["CampaignPart.ShowReachPublicly"] = "true",
        };
        var refused = await site.Admin.PostFormAsync("/admin/content/new/Campaign?handler=Publish", fields, "/admin/content/new/Campaign");
        var html = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.NotEqual(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("Ngày kết thúc (01/06/2026) phải sau hoặc trùng ngày bắt đầu (30/06/2026).", html);

        fields["CampaignPart.StartDate"] = "2026-06-01";
        fields["CampaignPart.EndDate"] = "2026-06-30";
        var saved = await site.Admin.PostFormAsync("/admin/content/new/Campaign?handler=Publish", fields, "/admin/content/new/Campaign");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var id = saved.Headers.Location!.OriginalString.Split('/')[^2];
        var item = await site.WithAsync(s => s.GetRequiredService<IContentManager>().GetAsync(id, VersionOptions.Published));
        var data = CampaignData.From(item!);
        Assert.Equal(("Chung tay bảo vệ trẻ em", new DateOnly(2026, 6, 1), new DateOnly(2026, 6, 30)), (data.Theme, data.Start, data.End));
        Assert.Equal(["Mục tiêu một", "Mục tiêu hai"], data.Goals);
        Assert.Equal(["P-TDM"], data.WardCodes);
        Assert.True(data.ShowReachPublicly);
        Assert.Equal("chien-dich/thang-hanh-dong-vi-tre-em-2026", item!.Path);
    }

    private async Task<RecipeResult> ApplyAsync(string json) =>
        await site.WithAsync(s => s.GetRequiredService<RecipeExecutor>().ApplyAsync(new RecipeDescriptor { Name = "test", Steps = (JsonArray)JsonNode.Parse(json)! }));

    [Fact]
    public async Task The_recipe_step_refuses_bad_reports_whole_and_applies_good_ones_once()
    {
        var before = await site.WithAsync(s => s.GetRequiredService<CampaignsDbContext>().Reports.CountAsync());
        var bad = await ApplyAsync("""
            [{ "name": "ReachReports", "Reports": [
              { "Id": "tot1", "CampaignId": "campaigndrowning2130", "Kind": "talk", "Date": "2026-01-10", "Ward": "P-PL", "Children": 10 },
              { "Id": "xau1", "CampaignId": "campaigndrowning2130", "Kind": "talk", "Date": "2019-01-10", "Ward": "P-PL", "Children": -3 },
              { "Id": "xau2", "CampaignId": "khongco", "Kind": "dance", "Date": "2026-01-10", "Ward": "KHONG-CO" }
            ] }]
            """);
        Assert.False(bad.Succeeded);
        var messages = string.Join(" | ", bad.Errors.Select(e => $"{e.JsonPath}: {string.Format(e.Message, e.Args)}"));
        Assert.Contains("steps[0].Reports[1].Date", messages);
        Assert.Contains("steps[0].Reports[1].Children", messages);
        Assert.Contains("steps[0].Reports[2].CampaignId", messages);
        Assert.Equal(before, await site.WithAsync(s => s.GetRequiredService<CampaignsDbContext>().Reports.CountAsync()));

        const string good = """
            [{ "name": "ReachReports", "Reports": [
              { "Id": "tot1", "CampaignId": "campaigndrowning2130", "Kind": "talk", "Date": "2026-01-10", "Ward": "P-PL", "Organisation": "TH-PHULOI", "Children": 10, "Sessions": 1 }
            ] }]
            """;
        var first = await ApplyAsync(good);
        Assert.True(first.Succeeded, string.Join(" | ", first.Errors.Select(e => e.Message)));
        Assert.Equal(1, first.ChangedSteps);
        var again = await ApplyAsync(good);
        Assert.Equal(0, again.ChangedSteps);
        var row = await site.WithAsync(s => s.GetRequiredService<CampaignsDbContext>().Reports.AsNoTracking().SingleAsync(r => r.ReportId == "tot1"));
        Assert.Equal(("Phường Phú Lợi", "Trường Tiểu học Phú Lợi (TH-PHULOI)"), (row.WardName, row.OrganisationName));
    }
}
