using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using ChildProtection.Library.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Library.Tests;

/// <summary>Downloads through the library: the same bytes, ranges, entity tags, the original name, and counting.</summary>
public sealed class DownloadTests(LibrarySite site) : IClassFixture<LibrarySite>
{
    private IServiceProvider Services => site.Factory.Services;

    private async Task<(Core.Contents.ContentItem Resource, byte[] A4)> HandbookAsync(string title)
    {
        var a4 = TestFiles.Pdf(12, "Sổ tay", padding: 300_000);
        var a3 = TestFiles.Pdf(12, "A3");
        var a4File = await LibrarySeed.StoreAsync(Services, a4, "Sổ tay an toàn – bản A4.pdf");
        var a3File = await LibrarySeed.StoreAsync(Services, a3, "Sổ tay an toàn – bản A3.pdf");
        var resource = await LibrarySeed.ResourceAsync(Services, title, "handbook", [("Bản in A3 (PDF)", a3File.Id), ("Bản in A4 (PDF)", a4File.Id)], topics: ["bao-luc-xam-hai"]);
        return (resource, a4);
    }

    [Fact]
    public async Task The_A4_variant_downloads_with_the_same_bytes_its_original_name_and_validators()
    {
        var (resource, a4) = await HandbookAsync("Sổ tay kỹ năng an toàn cho học sinh");
        using var visitor = site.Anonymous();

        var response = await visitor.Http.GetAsync($"/{resource.Path}/tai-ve/ban-in-a4-pdf");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(a4, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        var disposition = response.Content.Headers.ContentDisposition!;
        Assert.Equal("attachment", disposition.DispositionType);
        Assert.Equal("Sổ tay an toàn – bản A4.pdf", disposition.FileNameStar);
        Assert.Contains("filename*=UTF-8''S%E1%BB%95", response.Content.Headers.GetValues("Content-Disposition").Single());
        // A document opened in a tab anyway runs sandboxed, never as a script of the site (issue 13).
        Assert.Equal("sandbox", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.NotNull(response.Headers.ETag);
        Assert.NotNull(response.Content.Headers.LastModified);
        Assert.Equal("bytes", response.Headers.AcceptRanges.Single());

        var range = new HttpRequestMessage(HttpMethod.Get, $"/{resource.Path}/tai-ve/ban-in-a4-pdf");
        range.Headers.Range = new RangeHeaderValue(1000, 1999);
        var partial = await visitor.Http.SendAsync(range);
        Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
        Assert.Equal(a4[1000..2000], await partial.Content.ReadAsByteArrayAsync());
        Assert.Equal(a4.Length, partial.Content.Headers.ContentRange!.Length);

        var conditional = new HttpRequestMessage(HttpMethod.Get, $"/{resource.Path}/tai-ve/ban-in-a4-pdf");
        conditional.Headers.IfNoneMatch.Add(response.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await visitor.Http.SendAsync(conditional)).StatusCode);

        var beyond = new HttpRequestMessage(HttpMethod.Get, $"/{resource.Path}/tai-ve/ban-in-a4-pdf");
        beyond.Headers.Range = new RangeHeaderValue(a4.Length + 10, a4.Length + 20);
        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, (await visitor.Http.SendAsync(beyond)).StatusCode);
    }

    [Theory]
    [InlineData("tai-ve/ban-in-a5-pdf")]
    [InlineData("tai-ve/..%2F..%2Fappsettings.json")]
    [InlineData("tai-ve/%20")]
    [InlineData("anh-bia/khong-biet")]
    public async Task Unknown_variants_are_404(string tail)
    {
        var (resource, _) = await HandbookAsync("Sổ tay thử biến thể " + Guid.NewGuid().ToString("N")[..6]);
        using var visitor = site.Anonymous();
        var response = await visitor.Http.GetAsync($"/{resource.Path}/{tail}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Downloads_are_counted_per_resource_and_day_and_per_school_and_resumed_ranges_are_not()
    {
        var (resource, _) = await HandbookAsync("Sổ tay đếm lượt tải");
        using var visitor = site.Anonymous();
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await visitor.Http.GetAsync($"/{resource.Path}/tai-ve/ban-in-a4-pdf")).StatusCode);
        var resumed = new HttpRequestMessage(HttpMethod.Get, $"/{resource.Path}/tai-ve/ban-in-a4-pdf");
        resumed.Headers.Range = new RangeHeaderValue(5000, null);
        Assert.Equal(HttpStatusCode.PartialContent, (await visitor.Http.SendAsync(resumed)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await visitor.Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/{resource.Path}/tai-ve/ban-in-a4-pdf"))).StatusCode);

        using var school = await SchoolAccounts.SignInAsync(site, "truong-tieu-hoc-a", organisationId: 4242);
        Assert.Equal(HttpStatusCode.OK, (await school.Http.GetAsync($"/{resource.Path}/tai-ve/ban-in-a3-pdf")).StatusCode);

        var rows = await WaitForAsync(resource.ContentItemId, total: 4);
        Assert.Equal(3, rows.Where(r => r.OrganisationId == 0).Sum(r => r.Count));
        Assert.Equal(1, rows.Single(r => r.OrganisationId == 4242).Count);
        Assert.All(rows, r => Assert.Equal(DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh"))), r.Day));

        var report = await site.Admin.GetStringAsync("/admin/library/report");
        Assert.Contains("Sổ tay đếm lượt tải", report);
        var csv = await site.Admin.Http.GetAsync("/admin/library/report?handler=Csv");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var text = await csv.Content.ReadAsStringAsync();
        Assert.Contains("\"Sổ tay đếm lượt tải\",\"(không đăng nhập là trường)\",3", text);
        Assert.Contains("\"Sổ tay đếm lượt tải\",\"Đơn vị #4242\",1", text);
    }

    [Theory]
    [InlineData("from=hom-qua")]
    [InlineData("from=31/02/2025")]
    [InlineData("from=2025-06-30&to=2025-06-01")]
    [InlineData("from=2020-01-01&to=2025-01-01")]
    public async Task A_bad_report_range_gets_a_message(string query)
    {
        var response = await site.Admin.Http.GetAsync("/admin/library/report?" + query);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("notice bad", await response.Content.ReadAsStringAsync());
        var csv = await site.Admin.Http.GetAsync("/admin/library/report?handler=Csv&" + query);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, csv.StatusCode);
    }

    [Fact]
    public async Task The_report_is_refused_to_the_public()
    {
        using var visitor = site.Anonymous();
        var response = await visitor.Http.GetAsync("/admin/library/report");
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<List<DownloadDay>> WaitForAsync(string resourceId, long total)
    {
        // Counts are written by a background writer every 50 ms here; wait for them, without timing anything.
        for (var attempt = 0; attempt < 200; attempt++)
        {
            await using var scope = Services.CreateAsyncScope();
            var rows = await scope.ServiceProvider.GetRequiredService<LibraryDbContext>().Downloads.AsNoTracking().Where(d => d.ResourceId == resourceId).ToListAsync();
            if (rows.Sum(r => r.Count) >= total) return rows;
            await Task.Delay(50);
        }
        throw new Xunit.Sdk.XunitException($"The downloads of {resourceId} never reached {total}.");
    }
}
