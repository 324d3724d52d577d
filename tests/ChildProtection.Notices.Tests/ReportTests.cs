using System.IO.Compression;
using System.Net;
using System.Text;
using ChildProtection.Notices.Data;
using static ChildProtection.Notices.Tests.AuthoringForms;

namespace ChildProtection.Notices.Tests;

/// <summary>The per-notice report and its CSV and XLSX exports, over a ledger written directly (delivery is tested on its own).</summary>
public sealed class ReportTests(AuthoringSite site) : IClassFixture<AuthoringSite>
{
    private async Task<int> NoticeWithLedgerAsync(string number)
    {
        var id = await CreateDraftAsync(site.Sender, number);
        await site.SeedLedgerAsync(id, NoticeStatus.Completed, DateTime.UtcNow.AddDays(5),
            ("mot@truong.edu.vn", DeliveryStatus.Sent, true),
            ("hai@truong.edu.vn", DeliveryStatus.Sent, true),
            ("ba@truong.edu.vn", DeliveryStatus.Sent, false),
            ("bon@truong.edu.vn", DeliveryStatus.Sent, false),
            ("nam@truong.edu.vn", DeliveryStatus.Failed, false),
            ("sau@truong.edu.vn", DeliveryStatus.Bounced, false));
        return id;
    }

    [Fact]
    public async Task The_report_counts_by_status_and_shows_the_acknowledgement_rate_and_the_rows()
    {
        var id = await NoticeWithLedgerAsync("601/UBND-LĐTBXH");

        var html = await site.Sender.GetStringAsync($"/admin/notices/{id}/report");

        Assert.Contains("data-count=\"total\">6<", html);
        Assert.Contains("data-count=\"Sent\">4<", html);
        Assert.Contains("data-count=\"Failed\">1<", html);
        Assert.Contains("data-count=\"Bounced\">1<", html);
        Assert.Contains("data-count=\"acknowledged\">2<", html);
        Assert.Contains("data-count=\"rate\">50%<", html);
        Assert.Contains("550 5.1.1 User unknown", html);
        Assert.Contains("Cô Hạnh", html);

        var notAcknowledged = await site.Sender.GetStringAsync($"/admin/notices/{id}/report?ack=no&status=Sent");
        Assert.Contains("ba@truong.edu.vn", notAcknowledged);
        Assert.DoesNotContain("mot@truong.edu.vn", notAcknowledged);
        Assert.DoesNotContain("nam@truong.edu.vn", notAcknowledged);

        var search = await site.Sender.GetStringAsync($"/admin/notices/{id}/report?q=bon");
        Assert.Contains("bon@truong.edu.vn", search);
        Assert.DoesNotContain("ba@truong.edu.vn", search);
    }

    [Fact]
    public async Task The_csv_export_is_utf8_with_bom_and_holds_the_filtered_rows()
    {
        var id = await NoticeWithLedgerAsync("602/UBND-LĐTBXH");

        var response = await site.Sender.Http.GetAsync($"/admin/notices/{id}/report?handler=Csv&ack=yes");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("Đơn vị,Mã đơn vị,Thư điện tử,Trạng thái", lines[0]);
        Assert.Equal(3, lines.Length);
        Assert.Contains(lines, l => l.Contains("mot@truong.edu.vn") && l.Contains("Trường Tiểu học số 1") && l.Contains("Đã gửi") && l.Contains("Cô Hạnh"));
        Assert.DoesNotContain(lines, l => l.Contains("ba@truong.edu.vn"));
    }

    [Fact]
    public async Task The_xlsx_export_is_a_workbook_with_the_filtered_rows()
    {
        var id = await NoticeWithLedgerAsync("603/UBND-LĐTBXH");

        var response = await site.Sender.Http.GetAsync($"/admin/notices/{id}/report?handler=Xlsx&status=Failed");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType!.MediaType);
        using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        Assert.NotNull(zip.GetEntry("[Content_Types].xml"));
        using var reader = new StreamReader(zip.GetEntry("xl/worksheets/sheet1.xml")!.Open());
        var sheet = reader.ReadToEnd();
        Assert.Contains("Đơn vị", sheet);
        Assert.Contains("nam@truong.edu.vn", sheet);
        Assert.Contains("550 5.1.1 User unknown", sheet);
        Assert.DoesNotContain("mot@truong.edu.vn", sheet);
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Matches(sheet, "<row>").Count);
    }
}
