using System.Net;
using System.Text.RegularExpressions;
using ChildProtection.Campaigns.Data;
using ChildProtection.Campaigns.Reach;
using ChildProtection.Web.Tests;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Campaigns.Tests;

/// <summary>Reach reporting through the admin pages, as a school, a ward office, an editor and the office that reads the totals do it.</summary>
public sealed partial class ReachReportingTests(CampaignsSite site) : IClassFixture<CampaignsSite>
{
    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd");

    private static Dictionary<string, string> Fields(DateOnly day, string kind = "talk", string? ward = null, params (string Field, string Value)[] counts)
    {
        var fields = new Dictionary<string, string> { ["Form.Kind"] = kind, ["Form.Date"] = Day(day), ["Form.Title"] = "Nói chuyện chuyên đề dưới cờ" };
        if (ward is not null) fields["Form.WardCode"] = ward;
        foreach (var (field, value) in counts) fields[$"Form.{field}"] = value;
        return fields;
    }

    /// <summary>A signed-in user without the right is sent to the access-denied page (or answered 403), never to the login.</summary>
    private static void Denied(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Forbidden
            || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/access-denied")),
            $"{(int)response.StatusCode} {response.Headers.Location}");
    }

    private Task<int> RowsAsync() => site.WithAsync(s => s.GetRequiredService<CampaignsDbContext>().Reports.CountAsync());

    private Task<List<ReachReport>> VersionsAsync(string reportId) =>
        site.WithAsync(s => s.GetRequiredService<CampaignsDbContext>().Reports.AsNoTracking().Where(r => r.ReportId == reportId).OrderBy(r => r.Version).ToListAsync());

    [GeneratedRegex("^/admin/activities/([0-9a-z]{26})$")]
    private static partial Regex ReportAddress();

    private static string ReportIdOf(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return ReportAddress().Match(response.Headers.Location!.OriginalString).Groups[1].Value;
    }

    [Fact]
    public async Task A_school_reports_for_its_own_ward_and_the_totals_appear_in_the_admin_and_on_the_public_page()
    {
        var today = CampaignsSite.Today;
        var campaign = await site.CampaignAsync("Tuần lễ an toàn cho trẻ", today.AddDays(-20), today.AddDays(20), p => p["ShowReachPublicly"] = true);
        using var school = await site.SignInAsync("thphuloi", "SchoolUser", "TH-PHULOI");

        var list = await school.GetStringAsync("/admin/activities");
        Assert.Contains("Bạn báo cáo cho Trường Tiểu học Phú Lợi (TH-PHULOI).", list);
        Assert.Contains($"href=\"/admin/activities/new/{campaign.ContentItemId}\"", list);
        var form = await school.GetStringAsync($"/admin/activities/new/{campaign.ContentItemId}");
        Assert.Contains("Phường Phú Lợi <span class=\"hint\">(phường, xã của đơn vị bạn)</span>", form);
        Assert.DoesNotContain("name=\"Form.WardCode\"", form);

        // A ward posted by hand is ignored: a school reports for its own ward.
        var saved = await school.PostFormAsync($"/admin/activities/new/{campaign.ContentItemId}",
            Fields(today.AddDays(-1), "talk", "P-TDM", ("Sessions", "2"), ("Children", "320"), ("Parents", "40"), ("Teachers", "18"), ("Leaflets", "1.200")));
        var reportId = ReportIdOf(saved);
        var row = Assert.Single(await VersionsAsync(reportId));
        Assert.Equal(("P-PL", "Phường Phú Lợi", "Trường Tiểu học Phú Lợi (TH-PHULOI)", 1200, 378), (row.WardCode, row.WardName, row.OrganisationName, row.Leaflets, row.Participants));
        Assert.Equal("thphuloi", row.CreatedBy);
        Assert.Contains("Đã lưu báo cáo hoạt động ngày", WebUtility.HtmlDecode(await school.GetStringAsync($"/admin/activities/{reportId}")));

        var admin = WebUtility.HtmlDecode(await site.Admin.GetStringAsync($"/admin/campaigns/{campaign.ContentItemId}"));
        Assert.Contains("<strong>378</strong> lượt người tham gia", admin);
        Assert.Contains("<dt>Phường Phú Lợi</dt>", admin);
        Assert.Contains("width=\"100\"", admin);
        Assert.Contains("Trường Tiểu học Phú Lợi (TH-PHULOI)", admin);

        using var visitor = site.Anonymous();
        var page = await visitor.GetStringAsync("/" + campaign.Path);
        Assert.Contains("<strong>378</strong> lượt người tham gia", page);
        Assert.Contains("<strong>1.200</strong> tài liệu đã phát", page);
        // Who reported stays in the admin: the public page shows sums only.
        Assert.DoesNotContain("TH-PHULOI", page);
    }

    [Fact]
    public async Task Bad_reports_are_refused_field_by_field_in_vietnamese_and_nothing_is_saved()
    {
        var today = CampaignsSite.Today;
        var campaign = await site.CampaignAsync("Chiến dịch kiểm tra số liệu", today.AddDays(-20), today.AddDays(20), p => p["WardCodes"] = CampaignsSite.Strings("P-TDM", "P-PHUCUONG", "P-PL"));
        var url = $"/admin/activities/new/{campaign.ContentItemId}";
        var before = await RowsAsync();

        async Task<string> RefusedAsync(SiteClient client, Dictionary<string, string> fields)
        {
            var response = await client.PostFormAsync(url, fields);
            var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
            Assert.True(response.StatusCode == HttpStatusCode.UnprocessableEntity, html);
            return html;
        }

        var negative = await RefusedAsync(site.Admin, Fields(today.AddDays(-1), ward: "P-TDM", counts: [("Children", "-5"), ("Sessions", "1,5"), ("Posters", "2000000")]));
        Assert.Contains("Trẻ em không được là số âm.", negative);
        Assert.Contains("Số buổi phải là số nguyên.", negative);
        Assert.Contains("Áp phích quá lớn (tối đa 1.000.000).", negative);
        // What was typed comes back, with a summary above the form.
        Assert.Contains("value=\"-5\"", negative);
        Assert.Contains("Chưa lưu báo cáo: hãy sửa các ô được đánh dấu.", negative);

        var outside = await RefusedAsync(site.Admin, Fields(today.AddDays(-30), ward: "P-TDM", counts: [("Children", "5")]));
        Assert.Contains($"Ngày {today.AddDays(-30):dd/MM/yyyy} nằm ngoài thời gian của chiến dịch ({today.AddDays(-20):dd/MM/yyyy} – {today.AddDays(20):dd/MM/yyyy}).", outside);

        var future = await RefusedAsync(site.Admin, Fields(today.AddDays(1), ward: "P-TDM", counts: [("Children", "5")]));
        Assert.Contains($"Ngày {today.AddDays(1):dd/MM/yyyy} chưa đến: chỉ báo cáo hoạt động đã diễn ra.", future);

        var unknown = await RefusedAsync(site.Admin, Fields(today.AddDays(-1), ward: "KHONG-CO", counts: [("Children", "5")]));
        Assert.Contains("Danh bạ không có phường, xã mang mã \"KHONG-CO\".", unknown);

        var school = await RefusedAsync(site.Admin, Fields(today.AddDays(-1), ward: "TH-PHULOI", counts: [("Children", "5")]));
        Assert.Contains("Trường Tiểu học Phú Lợi (TH-PHULOI) không phải là phường hoặc xã.", school);

        // The ward merged away on 1 July 2025 cannot take an activity after that day.
        var merged = await RefusedAsync(site.Admin, Fields(today.AddDays(-1), ward: "P-PHUCUONG", counts: [("Children", "5")]));
        Assert.Contains("Phường Phú Cường (cũ) không còn hiệu lực vào ngày", merged);
        Assert.Contains("nay thuộc Phường Thủ Dầu Một", merged);

        var uncovered = await RefusedAsync(site.Admin, Fields(today.AddDays(-1), ward: "X-BACHDANG", counts: [("Children", "5")]));
        Assert.Contains("Xã Bạch Đằng không thuộc các phường, xã của chiến dịch này.", uncovered);

        var empty = await RefusedAsync(site.Admin, Fields(today.AddDays(-1), ward: "P-TDM"));
        Assert.Contains("Báo cáo chưa có số liệu nào", empty);

        var noKind = await RefusedAsync(site.Admin, Fields(today.AddDays(-1), kind: "", ward: "P-TDM", counts: [("Children", "5")]));
        Assert.Contains("Hãy chọn loại hoạt động.", noKind);
        var badDate = await RefusedAsync(site.Admin, new Dictionary<string, string> { ["Form.Kind"] = "talk", ["Form.Date"] = "31/02/2025", ["Form.WardCode"] = "P-TDM", ["Form.Children"] = "5" });
        Assert.Contains("\"31/02/2025\" không phải là ngày", badDate);

        Assert.Equal(before, await RowsAsync());
    }

    [Fact]
    public async Task A_correction_is_a_new_version_the_totals_follow_it_and_the_history_keeps_the_old_one()
    {
        var today = CampaignsSite.Today;
        var campaign = await site.CampaignAsync("Chiến dịch sửa báo cáo", today.AddDays(-20), today.AddDays(20));
        using var ward = await site.SignInAsync("phuongtdm", "SchoolUser", "P-TDM");
        var reportId = ReportIdOf(await ward.PostFormAsync($"/admin/activities/new/{campaign.ContentItemId}",
            Fields(today.AddDays(-3), "forum", counts: [("Sessions", "1"), ("Children", "100")])));
        var url = $"/admin/activities/{reportId}";

        // No reason: refused, nothing written.
        var noReason = await ward.PostFormAsync(url + "?handler=Correct", new(Fields(today.AddDays(-3), "forum", counts: [("Sessions", "1"), ("Children", "120")])) { ["Version"] = "1" }, url);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noReason.StatusCode);
        Assert.Contains("Hãy ghi lý do sửa báo cáo.", WebUtility.HtmlDecode(await noReason.Content.ReadAsStringAsync()));

        var corrected = await ward.PostFormAsync(url + "?handler=Correct",
            new(Fields(today.AddDays(-3), "forum", counts: [("Sessions", "1"), ("Children", "120"), ("Parents", "30")])) { ["Version"] = "1", ["Form.Note"] = "Cộng thêm lớp 5A" }, url);
        Assert.Equal(HttpStatusCode.Redirect, corrected.StatusCode);

        // A correction made from the first version after the second exists is refused (someone changed it meanwhile).
        var stale = await ward.PostFormAsync(url + "?handler=Correct",
            new(Fields(today.AddDays(-3), "forum", counts: [("Children", "999")])) { ["Version"] = "1", ["Form.Note"] = "Sửa từ bản cũ" }, url);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, stale.StatusCode);
        Assert.Contains("nay là phiên bản 2", WebUtility.HtmlDecode(await stale.Content.ReadAsStringAsync()));

        var versions = await VersionsAsync(reportId);
        Assert.Equal([1, 2], versions.Select(v => v.Version));
        Assert.Equal([100, 120], versions.Select(v => v.Children));
        Assert.Equal([false, true], versions.Select(v => v.IsLatest));
        Assert.Equal("Cộng thêm lớp 5A", versions[1].ChangeNote);

        var totals = await site.WithAsync(s => s.GetRequiredService<ReachTotals>().ForCampaignAsync(campaign.ContentItemId));
        Assert.Equal((1, 150L), (totals.Total.Reports, totals.Total.Participants));

        var history = WebUtility.HtmlDecode(await ward.GetStringAsync(url));
        Assert.Contains(">v1", history);
        Assert.Contains(">v2", history);
        Assert.Contains("Cộng thêm lớp 5A", history);
        Assert.Contains("class=\"num changed\">120</td>", history);

        var withdrawn = await ward.PostFormAsync(url + "?handler=Withdraw", new() { ["Version"] = "2", ["Reason"] = "Nhập trùng với báo cáo của trường" }, url);
        Assert.Equal(HttpStatusCode.Redirect, withdrawn.StatusCode);
        totals = await site.WithAsync(s => s.GetRequiredService<ReachTotals>().ForCampaignAsync(campaign.ContentItemId));
        Assert.True(totals.IsEmpty);
        Assert.Equal(3, (await VersionsAsync(reportId)).Count);
        // A withdrawn report takes no more corrections.
        Assert.DoesNotContain("handler=Correct", await ward.GetStringAsync(url));

        var audit = WebUtility.HtmlDecode(await site.Admin.GetStringAsync($"/admin/audit?item={reportId}"));
        Assert.Contains("Báo cáo kết quả chiến dịch", audit);
        Assert.Contains("Sửa báo cáo kết quả chiến dịch", audit);
        Assert.Contains("Rút báo cáo kết quả chiến dịch", audit);
    }

    [Fact]
    public async Task Two_corrections_of_the_same_version_at_once_make_one_new_version()
    {
        var today = CampaignsSite.Today;
        var campaign = await site.CampaignAsync("Chiến dịch sửa cùng lúc", today.AddDays(-5), today.AddDays(5));
        var editor = new Reporter("bientap", true, true, true, null);
        var first = await site.WithAsync(s => s.GetRequiredService<ReachReports>().SubmitAsync(campaign.ContentItemId,
            new ReachForm { Kind = "talk", Date = Day(today), WardCode = "P-PL", Children = "10" }, editor));
        Assert.True(first.Succeeded);

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => site.WithAsync(s => s.GetRequiredService<ReachReports>().CorrectAsync(first.Report!.ReportId, 1,
            new ReachForm { Kind = "talk", Date = Day(today), WardCode = "P-PL", Children = (20 + i).ToString(), Note = $"Sửa {i}" }, editor))));

        Assert.Equal(1, results.Count(r => r.Succeeded));
        var versions = await VersionsAsync(first.Report!.ReportId);
        Assert.Equal([1, 2], versions.Select(v => v.Version));
        Assert.Single(versions, v => v.IsLatest);
    }

    [Fact]
    public async Task Who_may_report_and_who_may_see_the_totals()
    {
        var today = CampaignsSite.Today;
        var campaign = await site.CampaignAsync("Chiến dịch phân quyền", today.AddDays(-10), today.AddDays(10));
        using var school = await site.SignInAsync("thcsphuhoa", "SchoolUser", "THCS-PHUHOA");
        using var other = await site.SignInAsync("mnsonca", "SchoolUser", "MN-SONCA");
        using var noOrganisation = await site.SignInAsync("truongchuagan", "SchoolUser");
        using var office = await site.SignInAsync("ldtbxh-xem", "NoticeSender");
        using var visitor = site.Anonymous();

        var reportId = ReportIdOf(await school.PostFormAsync($"/admin/activities/new/{campaign.ContentItemId}", Fields(today, counts: [("Children", "45")])));

        var anonymous = await visitor.Http.GetAsync("/admin/activities");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("/login", anonymous.Headers.Location!.OriginalString);
        Denied(await school.Http.GetAsync("/admin/campaigns"));
        Denied(await school.Http.GetAsync($"/admin/campaigns/{campaign.ContentItemId}?handler=Xlsx"));
        // Another school sees neither the report nor a way to correct it.
        Denied(await other.Http.GetAsync($"/admin/activities/{reportId}"));
        Assert.DoesNotContain(reportId, await other.GetStringAsync("/admin/activities"));
        Assert.Contains(reportId, await school.GetStringAsync("/admin/activities"));

        // An account that speaks for no organisation is told why it cannot report, and a post is refused.
        var page = WebUtility.HtmlDecode(await noOrganisation.GetStringAsync($"/admin/activities/new/{campaign.ContentItemId}"));
        Assert.Contains("chưa gắn với trường, phường, xã hay cơ quan nào", page);
        Assert.DoesNotContain("Form.Kind", page);

        // The office that follows campaigns reads totals and reports but does not report.
        Assert.Equal(HttpStatusCode.OK, (await office.Http.GetAsync($"/admin/campaigns/{campaign.ContentItemId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await office.Http.GetAsync($"/admin/activities/{reportId}")).StatusCode);
        Assert.DoesNotContain("handler=Correct", await office.GetStringAsync($"/admin/activities/{reportId}"));
        Denied(await office.Http.GetAsync("/admin/activities"));
        // The menu shows each what it may use.
        Assert.Contains("href=\"/admin/activities\"", await school.GetStringAsync("/admin"));
        Assert.DoesNotContain("href=\"/admin/campaigns\"", await school.GetStringAsync("/admin"));
        Assert.Contains("href=\"/admin/campaigns\"", await office.GetStringAsync("/admin"));

        // An editor reports on behalf of a school, naming it; its ward is the school's.
        var byEditor = ReportIdOf(await site.Admin.PostFormAsync($"/admin/activities/new/{campaign.ContentItemId}",
            new(Fields(today, "contest", counts: [("Children", "60")])) { ["Form.OrganisationCode"] = "th-bachdang" }));
        var row = Assert.Single(await VersionsAsync(byEditor));
        Assert.Equal(("X-BACHDANG", "Trường Tiểu học Bạch Đằng (TH-BACHDANG)", "quantri"), (row.WardCode, row.OrganisationName, row.CreatedBy));
    }

    [Fact]
    public async Task Totals_export_as_csv_and_xlsx()
    {
        var today = CampaignsSite.Today;
        var campaign = await site.CampaignAsync("Chiến dịch xuất số liệu", today.AddDays(-10), today.AddDays(10));
        var url = $"/admin/activities/new/{campaign.ContentItemId}";
        ReportIdOf(await site.Admin.PostFormAsync(url, Fields(today.AddDays(-2), "talk", "P-PL", ("Sessions", "2"), ("Children", "200"), ("Posters", "10"))));
        ReportIdOf(await site.Admin.PostFormAsync(url, Fields(today.AddDays(-1), "loudspeaker", "P-TDM", ("Sessions", "5"), ("IndirectReach", "3000"))));
        ReportIdOf(await site.Admin.PostFormAsync(url, Fields(today, "contest", "P-PL", ("Sessions", "1"), ("Children", "50"), ("Teachers", "5"))));

        var csv = await site.Admin.Http.GetAsync($"/admin/campaigns/{campaign.ContentItemId}?handler=Csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var lines = System.Text.Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("Mã báo cáo,Phiên bản,Ngày hoạt động,Loại hoạt động", lines[0]);
        Assert.Equal(4, lines.Length);
        Assert.Contains("Loa phát thanh phường, xã", lines[2]);

        var wards = System.Text.Encoding.UTF8.GetString(await site.Admin.Http.GetByteArrayAsync($"/admin/campaigns/{campaign.ContentItemId}?handler=Csv&bang=phuong"));
        Assert.Contains("P-PL,Phường Phú Lợi,2,3,250,0,5,0,255,10,0,0,0,0,0", wards);
        Assert.Contains(",Tổng cộng,3,8,250,0,5,0,255,10,0,0,0,0,3000", wards);

        var xlsx = await site.Admin.Http.GetAsync($"/admin/campaigns/{campaign.ContentItemId}?handler=Xlsx");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType!.MediaType);
        using var book = new XLWorkbook(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()));
        Assert.Equal(["Theo phường, xã", "Theo loại hoạt động", "Danh sách báo cáo"], book.Worksheets.Select(w => w.Name));
        var sheet = book.Worksheet("Theo phường, xã");
        Assert.Equal("Chiến dịch xuất số liệu", sheet.Cell(1, 1).GetString());
        var total = sheet.RowsUsed().Last();
        Assert.Equal("Tổng cộng", total.Cell(2).GetString());
        Assert.Equal(255, total.Cell(9).GetValue<int>());
        Assert.Equal(4, book.Worksheet("Danh sách báo cáo").RowsUsed().Count());
    }
}
