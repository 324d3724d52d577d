using System.Net;

namespace ChildProtection.Media.Tests;

/// <summary>
/// PDFs that act rather than read are refused at upload with a Vietnamese reason; every document that is
/// accepted is sent as a sandboxed, never-sniffed download, so whatever slipped past cannot script the site.
/// </summary>
public sealed class PdfPolicyTests(MediaSite site) : IClassFixture<MediaSite>
{
    public static TheoryData<string, byte[], string> ActivePdfs => new()
    {
        { "OpenAction JavaScript", TrustFiles.Pdf("/OpenAction 4 0 R", "", "<< /Type /Action /S /JavaScript /JS (app.alert\\('x'\\)) >>"), "JavaScript" },
        { "a name written with #xx escapes", TrustFiles.Pdf("/OpenAction << /S /Java#53cript /J#53 (app.alert\\(1\\)) >>"), "JavaScript" },
        { "document-level scripts", TrustFiles.Pdf("/Names << /JavaScript 4 0 R >>", "", "<< /Names [(a) 5 0 R] >>", "<< /S /JavaScript /JS (this.print\\(\\)) >>"), "JavaScript" },
        { "a page's additional action", TrustFiles.Pdf("", "/AA << /O << /S /JavaScript /JS (1) >> >>"), "JavaScript" },
        { "a javascript: link", TrustFiles.Pdf("", "/Annots [4 0 R]", "<< /Type /Annot /Subtype /Link /Rect [0 0 100 100] /A << /S /URI /URI (  JavaScript:alert\\(document.cookie\\)) >> >>"), "javascript:" },
        { "a Launch action", TrustFiles.Pdf("/OpenAction << /S /Launch /F (cmd.exe) >>"), "Launch" },
        { "an embedded file", TrustFiles.Pdf("/Names << /EmbeddedFiles << /Names [(a.exe) 4 0 R] >> >>", "", "<< /Type /Filespec /F (a.exe) /EF << /F 5 0 R >> >>", "<< /Type /EmbeddedFile /Length 5 >>\nstream\nhello\nendstream"), "tệp đính kèm" },
    };

    [Theory]
    [MemberData(nameof(ActivePdfs))]
    public async Task A_pdf_with_active_content_is_refused_with_a_vietnamese_reason(string what, byte[] pdf, string reasonNames)
    {
        var before = await site.CountRecordsAsync();
        var result = await site.StoreAsync(pdf, "Công văn.pdf");
        Assert.False(result.Succeeded, what);
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("Công văn.pdf: Tệp PDF có", error);
        Assert.Contains(reasonNames, error);
        Assert.Equal(before, await site.CountRecordsAsync());
    }

    [Fact]
    public async Task A_plain_pdf_with_an_ordinary_link_is_accepted_and_sent_as_a_sandboxed_download()
    {
        var pdf = TrustFiles.Pdf("", "/Annots [4 0 R]", "<< /Type /Annot /Subtype /Link /Rect [0 0 100 100] /A << /S /URI /URI (https://tongdai111.vn) >> >>");
        var result = await site.StoreAsync(pdf, "Hướng dẫn.pdf");
        Assert.True(result.Succeeded, string.Join(" ", result.Errors));
        var file = result.File!;
        Assert.Equal(1, file.PageCount);
        foreach (var address in new[] { $"/media/{file.Id}/{file.StoredName}", $"/media/{file.Id}/{file.StoredName}?download=1" })
        {
            var response = await site.Anonymous.GetAsync(address);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(pdf, await response.Content.ReadAsByteArrayAsync());
            Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
            Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
            Assert.Equal("Hướng dẫn.pdf", response.Content.Headers.ContentDisposition.FileNameStar);
            Assert.Equal("sandbox", response.Headers.GetValues("Content-Security-Policy").Single());
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        }
        // Office documents too.
        var docx = (await site.StoreAsync(TestFiles.Office("word"), "Kế hoạch.docx")).File!;
        var word = await site.Anonymous.GetAsync($"/media/{docx.Id}/{docx.StoredName}");
        Assert.Equal("sandbox", word.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("attachment", word.Content.Headers.ContentDisposition!.DispositionType);
    }
}
