using System.Text;
using ChildProtection.Testing;
using Microsoft.Playwright;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using Xunit;

namespace ChildProtection.Browser.Tests;

/// <summary>Issue 4's library, in a real browser: an editor publishes a handbook with its poster; a visitor finds and downloads it.</summary>
public sealed class LibraryTests
{
    private const string Password = "Thu-vien-2025!";

    [BrowserFact]
    public async Task An_editor_publishes_a_poster_and_handbook_and_a_visitor_finds_it_by_topic_and_downloads_the_same_A4_bytes()
    {
        await using var site = await LiveSite.StartAsync(new Dictionary<string, string?>
        {
            ["Setup:AdminUserName"] = "bientap",
            ["Setup:AdminEmail"] = "bientap@example.gov.vn",
            ["Setup:AdminPassword"] = Password,
            ["Jobs:PollSeconds"] = "1",
        });
        await using var session = await BrowserSession.StartAsync();
        var handbook = Pdf(6);
        var poster = Poster();

        // The editor.
        var editor = await session.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "vi-VN", ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        editor.SetDefaultTimeout(90_000);
        editor.SetDefaultNavigationTimeout(90_000);
        var page = await editor.NewPageAsync();
        await page.GotoAsync(site.Url("/login"));
        await page.FillAsync("#UserName", "bientap");
        await page.FillAsync("#Password", Password);
        await page.ClickAsync("form button[type=submit]");
        await page.WaitForURLAsync(url => url.Contains("/admin"));

        await page.GotoAsync(site.Url("/admin/library"));
        await page.ClickAsync("a.btn.primary:has-text('Tài liệu mới')");
        await page.FillAsync("#title", "Sổ tay an toàn mùa hè cho học sinh");
        await page.FillAsync("#summary", "Kỹ năng phòng chống đuối nước, in và phát cho học sinh trước kỳ nghỉ hè.");
        await page.SelectOptionAsync("#kind", "handbook");
        await page.CheckAsync("input[name='Input.Audiences'][value='children']");
        await page.CheckAsync("input[name='Input.TopicIds'][value='duoi-nuoc']");
        await page.FillAsync("#new_0_label", "Bản in A4 (PDF)");
        await page.SetInputFilesAsync("#new_0_upload", new FilePayload { Name = "Sổ tay an toàn mùa hè A4.pdf", MimeType = "application/pdf", Buffer = handbook });
        await page.FillAsync("#new_1_label", "Áp phích (ảnh)");
        await page.SetInputFilesAsync("#new_1_upload", new FilePayload { Name = "Áp phích an toàn mùa hè.png", MimeType = "image/png", Buffer = poster });
        await page.RunAndWaitForNavigationAsync(() => page.ClickAsync("button.primary:has-text('Xuất bản')"));
        Assert.True(page.Url.Contains("/admin/library/edit/"), $"{page.Url}\n{await page.InnerTextAsync("main")}");
        Assert.Contains("Đã xuất bản", await page.InnerTextAsync("main"));
        Assert.Contains("6 trang", await page.InnerTextAsync("main"));

        // A visitor who is not signed in, on a phone.
        var visitorContext = await session.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "vi-VN", ViewportSize = new ViewportSize { Width = 360, Height = 740 }, AcceptDownloads = true });
        visitorContext.SetDefaultTimeout(90_000);
        visitorContext.SetDefaultNavigationTimeout(90_000);
        var visitor = await visitorContext.NewPageAsync();
        var failures = new List<string>();
        visitor.Response += (_, r) => { if (r.Status >= 400) failures.Add($"{r.Status} {r.Url}"); };
        await visitor.GotoAsync(site.Url("/thu-vien"));
        Assert.Equal("vi", await visitor.GetAttributeAsync("html", "lang"));
        await visitor.SelectOptionAsync("#loc-chu-de", "duoi-nuoc");
        await visitor.ClickAsync("button:has-text('Lọc tài liệu')");
        await visitor.WaitForURLAsync(url => url.Contains("chu-de=duoi-nuoc"));
        var card = visitor.Locator(".library-card", new() { HasText = "Sổ tay an toàn mùa hè cho học sinh" });
        await card.WaitForAsync();
        // The thumbnail is there and loaded (the browser decoded it: it has a width).
        var thumbnail = card.Locator("img.library-cover");
        await thumbnail.ScrollIntoViewIfNeededAsync();
        await visitor.WaitForFunctionAsync("img => img.complete && img.naturalWidth > 0", await thumbnail.ElementHandleAsync());
        Assert.False(string.IsNullOrEmpty(await thumbnail.GetAttributeAsync("srcset")));
        // Nothing scrolls sideways on a 360 px phone.
        Assert.True(await visitor.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"));

        await card.Locator("a.library-card-link").ClickAsync();
        await visitor.WaitForURLAsync(url => url.Contains("/thu-vien/so-tay-an-toan-mua-he-cho-hoc-sinh"));
        Assert.Contains("PDF", await visitor.InnerTextAsync(".resource-downloads"));
        var download = await visitor.RunAndWaitForDownloadAsync(() => visitor.ClickAsync("a.download:has-text('Bản in A4 (PDF)')"));
        Assert.Equal("Sổ tay an toàn mùa hè A4.pdf", download.SuggestedFilename);
        var saved = Path.Combine(site.DataPath, "downloaded.pdf");
        await download.SaveAsAsync(saved);
        Assert.Equal(handbook, await File.ReadAllBytesAsync(saved));
        Assert.Empty(failures);
    }

    private static byte[] Poster()
    {
        using var image = new Image<Rgb24>(600, 840);
        image.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < rows.Height; y++)
            {
                var row = rows.GetRowSpan(y);
                for (var x = 0; x < row.Length; x++) row[x] = new Rgb24((byte)(x / 3), (byte)(y / 4), 160);
            }
        });
        using var stream = new MemoryStream();
        image.SaveAsPng(stream);
        return stream.ToArray();
    }

    /// <summary>A valid PDF of <paramref name="pages"/> A4 pages with a correct cross-reference table.</summary>
    internal static byte[] Pdf(int pages)
    {
        var objects = new List<string>
        {
            "<< /Type /Catalog /Pages 2 0 R >>",
            $"<< /Type /Pages /Kids [{string.Join(" ", Enumerable.Range(0, pages).Select(i => $"{4 + i * 2} 0 R"))}] /Count {pages} >>",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        };
        for (var i = 0; i < pages; i++)
        {
            var content = $"BT /F1 24 Tf 72 720 Td (So tay an toan mua he - trang {i + 1}) Tj ET";
            objects.Add($"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents {5 + i * 2} 0 R >>");
            objects.Add($"<< /Length {content.Length} >>\nstream\n{content}\nendstream");
        }
        var sb = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Count; i++)
        {
            offsets.Add(Encoding.Latin1.GetByteCount(sb.ToString()));
            sb.Append($"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }
        var xref = Encoding.Latin1.GetByteCount(sb.ToString());
        sb.Append($"xref\n0 {objects.Count + 1}\n0000000000 65535 f \n");
        foreach (var o in offsets) sb.Append($"{o:D10} 00000 n \n");
        sb.Append($"trailer\n<< /Size {objects.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.Latin1.GetBytes(sb.ToString());
    }
}
