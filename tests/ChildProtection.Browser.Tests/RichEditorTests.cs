using ChildProtection.Testing;
using Microsoft.Playwright;
using Xunit;

namespace ChildProtection.Browser.Tests;

/// <summary>The shared WYSIWYG editor (Admin's rich-editor.js) in a real browser, on an article's body.</summary>
public sealed class RichEditorTests
{
    private const string Password = "Trinh-duyet-2024!";
    private const string Area = "#f_BodyPart_Html-area";
    private const string Source = "#f_BodyPart_Html";
    private const string Editor = ".rich-editor:has(#f_BodyPart_Html)";

    // Selects the first occurrence of a word inside the editable area, as a double click would.
    private const string SelectWord = """
        word => {
          const area = document.querySelector('#f_BodyPart_Html-area');
          const walker = document.createTreeWalker(area, NodeFilter.SHOW_TEXT);
          for (let n = walker.nextNode(); n; n = walker.nextNode()) {
            const i = n.data.indexOf(word);
            if (i < 0) continue;
            const range = document.createRange();
            range.setStart(n, i);
            range.setEnd(n, i + word.length);
            const s = getSelection(); s.removeAllRanges(); s.addRange(range);
            return true;
          }
          return false;
        }
        """;

    // What a copy from Word or a web page might carry, delivered through a real paste event.
    private const string Paste = """
        () => {
          const area = document.querySelector('#f_BodyPart_Html-area');
          area.focus();
          const range = document.createRange();
          range.selectNodeContents(area);
          range.collapse(false);
          const s = getSelection(); s.removeAllRanges(); s.addRange(range);
          const data = new DataTransfer();
          data.setData('text/html',
            '<html><head><style>p{color:red}</style><script>window.pasted=1<\/script></head><body><!--StartFragment-->' +
            '<p class="MsoNormal" style="color:red;mso-line-height:12pt" onclick="window.clicked=1"><span style="font-family:Arial">Dán từ Word:</span> ' +
            '<b>số 111</b> <font face="Times">miễn phí</font><o:p></o:p></p>' +
            '<script>window.pasted=2<\/script><img src="file:///C:/Users/bt/clip_image001.png" onerror="window.pasted=3">' +
            '<ul><li style="margin:0">gọi ngay</li></ul><a href="javascript:alert(1)" onmouseover="x()">liên kết xấu</a>' +
            '<!--EndFragment--></body></html>');
          data.setData('text/plain', 'Dán từ Word: số 111 miễn phí');
          const event = new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true });
          area.dispatchEvent(event);
          return event.defaultPrevented;
        }
        """;

    [BrowserFact]
    public async Task An_editor_formats_links_pastes_and_edits_the_source_and_only_clean_html_is_stored_and_published()
    {
        await using var site = await LiveSite.StartAsync();
        await using var session = await BrowserSession.StartAsync();
        var context = await session.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "vi-VN", ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        // Two cores shared with the other test projects: allow slow steps rather than fail on load.
        context.SetDefaultTimeout(90_000);
        context.SetDefaultNavigationTimeout(90_000);
        var page = await context.NewPageAsync();
        var consoleErrors = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") consoleErrors.Add($"{m.Text} at {m.Location}"); };
        page.PageError += (_, e) => consoleErrors.Add("page error: " + e);
        page.Response += (_, r) => { if (r.Status >= 400) consoleErrors.Add($"{r.Status} {r.Url}"); };

        // Set up and sign in as the office's editor.
        await page.GotoAsync(site.Url("/setup"));
        await page.FillAsync("#SiteName", "Bảo vệ trẻ em thành phố");
        await page.FillAsync("#AdminUserName", "bientap");
        await page.FillAsync("#AdminEmail", "bientap@example.org");
        await page.FillAsync("#AdminPassword", Password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => url.Contains("/login"));
        await page.FillAsync("#UserName", "bientap");
        await page.FillAsync("#Password", Password);
        await page.ClickAsync("form button[type=submit]");
        await page.WaitForURLAsync(url => url.EndsWith("/admin"));

        // A new article: the body is the rich editor, the textarea behind it.
        await page.GotoAsync(site.Url("/admin/content/new/Article"));
        await page.FillAsync("#f_TitlePart_Title", "Đường dây nóng 111 cho trẻ em");
        await page.Locator(Area).WaitForAsync();
        Assert.False(await page.IsVisibleAsync(Source));
        Assert.Equal("Định dạng văn bản", await page.GetAttributeAsync($"{Editor} [role=toolbar]", "aria-label"));
        // A plain-text input (the summary) stays a plain textarea.
        Assert.True(await page.IsVisibleAsync("#f_SummaryPart_Summary"));
        Assert.Equal(1, await page.Locator(".rich-editor").CountAsync());

        // Type, then make one word bold.
        await page.ClickAsync(Area);
        await page.Keyboard.TypeAsync("Trẻ em cần được bảo vệ mọi lúc");
        Assert.True(await page.EvaluateAsync<bool>(SelectWord, "bảo vệ"));
        await page.ClickAsync($"{Editor} button[data-command=bold]");
        await page.Locator($"{Area} strong:has-text('bảo vệ'), {Area} b:has-text('bảo vệ')").WaitForAsync();
        Assert.Equal("true", await page.GetAttributeAsync($"{Editor} button[data-command=bold]", "aria-pressed"));

        // A link on another word: javascript: and data: addresses are refused in the dialog with a
        // Vietnamese message, a real one is kept.
        Assert.True(await page.EvaluateAsync<bool>(SelectWord, "mọi lúc"));
        await page.ClickAsync($"{Editor} button[data-command=link]");
        foreach (var unsafeUrl in new[] { "javascript:alert(1)", " JaVaScRiPt:alert(1)", "data:text/html,<script>alert(1)</script>" })
        {
            await page.FillAsync($"{Editor} .rich-editor-url", unsafeUrl);
            await page.ClickAsync($"{Editor} .rich-editor-insert");
            await page.Locator($"{Editor} .rich-editor-link-dialog .field-error:has-text('Địa chỉ không hợp lệ')").WaitForAsync();
            Assert.Equal(0, await page.Locator($"{Area} a").CountAsync());
            Assert.True(await page.IsVisibleAsync($"{Editor} .rich-editor-link-dialog"));
        }
        await page.FillAsync($"{Editor} .rich-editor-url", "https://treem.gov.vn/duong-day-nong");
        await page.ClickAsync($"{Editor} .rich-editor-insert");
        await page.Locator($"{Area} a[href='https://treem.gov.vn/duong-day-nong']").WaitForAsync();
        Assert.False(await page.IsVisibleAsync($"{Editor} .rich-editor-link-dialog"), string.Join("\n", consoleErrors));

        // Paste from Word: the structure and the text stay; scripts, styles, classes, handlers do not.
        Assert.True(await page.EvaluateAsync<bool>(Paste));
        await page.Locator($"{Area} li:has-text('gọi ngay')").WaitForAsync();
        var areaHtml = await page.InnerHTMLAsync(Area);
        Assert.Contains("Dán từ Word:", areaHtml);
        Assert.Contains("số 111", areaHtml);
        // Quill's own markers (class="ql-…" on its list bullets) are the editor's, not the paste's.
        Assert.DoesNotMatch("class=\"(?!ql-)", areaHtml);
        foreach (var bad in new[] { "<script", "style=", "MsoNormal", "onclick", "onerror", "onmouseover", "javascript:", "<font", "<o:p", "mso-", "file:" })
            Assert.DoesNotContain(bad, areaHtml, StringComparison.OrdinalIgnoreCase);
        // What the form will send (the textarea) carries no class at all.
        var afterPaste = await page.InputValueAsync(Source);
        Assert.True(afterPaste.Contains("<li>gọi ngay</li>"), afterPaste);
        foreach (var bad in new[] { "<script", "style=", "class=", "onclick", "onerror", "onmouseover", "javascript:", "<font", "<o:p", "mso-", "file:", "data-" })
            Assert.DoesNotContain(bad, afterPaste, StringComparison.OrdinalIgnoreCase);
        Assert.Null(await page.EvaluateAsync<int?>("window.pasted ?? null"));

        // The HTML button shows the source; an edit there comes back into the editor.
        await page.ClickAsync($"{Editor} button[data-command=source]");
        Assert.True(await page.IsVisibleAsync(Source));
        Assert.False(await page.IsVisibleAsync(Area));
        Assert.True(await page.IsDisabledAsync($"{Editor} button[data-command=bold]"));
        var source = await page.InputValueAsync(Source);
        Assert.Contains("<strong>bảo vệ</strong>", source);
        Assert.Contains("<a href=\"https://treem.gov.vn/duong-day-nong\">mọi lúc</a>", source);
        await page.FillAsync(Source, source + "\n<h2>Gọi 111</h2>\n<p>Miễn phí, <em>24/7</em>.</p>");
        await page.ClickAsync($"{Editor} button[data-command=source]");
        await page.Locator($"{Area} h2:has-text('Gọi 111')").WaitForAsync();
        Assert.Equal("false", await page.GetAttributeAsync($"{Editor} button[data-command=source]", "aria-pressed"));
        Assert.Contains("<em>24/7</em>", await page.InnerHTMLAsync(Area));

        // Publish; the editor comes back with what was stored.
        await page.RunAndWaitForNavigationAsync(() => page.ClickAsync("button.primary:has-text('Xuất bản')"));
        Assert.True(page.Url.EndsWith("/edit"), $"{page.Url}\n{await page.InnerTextAsync("main")}");
        var stored = await page.InputValueAsync(Source);
        Assert.Contains("<strong>bảo vệ</strong>", stored);
        Assert.Contains("href=\"https://treem.gov.vn/duong-day-nong\"", stored);
        Assert.Contains("<h2>Gọi 111</h2>", stored);
        Assert.Contains("<li>gọi ngay</li>", stored);
        foreach (var bad in new[] { "<script", "style=", "class=", "onclick", "onerror", "javascript:", "alert(" })
            Assert.DoesNotContain(bad, stored, StringComparison.OrdinalIgnoreCase);
        // The stored body loads back into the editor.
        await page.Locator($"{Area} strong:has-text('bảo vệ')").WaitForAsync();

        // The public page shows the same clean HTML.
        var href = await page.GetAttributeAsync("main p.hint a[target=_blank]", "href");
        Assert.NotNull(href);
        await page.GotoAsync(site.Url(href!));
        // The article's JSON-LD is the one script the template itself puts in <main>; it is data, not
        // content, so it is set aside before looking for anything executable from the body.
        var published = System.Text.RegularExpressions.Regex.Replace(await page.InnerHTMLAsync("main"),
            "<script type=\"application/ld\\+json\">[^<]*</script>", "");
        Assert.Contains("<strong>bảo vệ</strong>", published);
        Assert.Contains("href=\"https://treem.gov.vn/duong-day-nong\"", published);
        foreach (var bad in new[] { "<script", "onclick", "onerror", "javascript:" })
            Assert.DoesNotContain(bad, published, StringComparison.OrdinalIgnoreCase);
        Assert.True(consoleErrors.Count == 0, string.Join("\n", consoleErrors));
    }

    // A paste of just over 5 MB of text, through a real paste event; true when the editor refused it.
    private const string HugePaste = """
        () => {
          const area = document.querySelector('#f_BodyPart_Html-area');
          area.focus();
          const data = new DataTransfer();
          data.setData('text/plain', 'Trẻ em '.repeat(750000));
          const event = new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true });
          area.dispatchEvent(event);
          return event.defaultPrevented;
        }
        """;

    [BrowserFact]
    public async Task An_editor_adds_a_quote_a_table_and_a_described_library_image_and_a_5_MB_paste_is_refused()
    {
        await using var site = await LiveSite.StartAsync();
        await using var session = await BrowserSession.StartAsync();
        var context = await session.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "vi-VN", ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        context.SetDefaultTimeout(90_000);
        context.SetDefaultNavigationTimeout(90_000);
        var page = await context.NewPageAsync();
        var consoleErrors = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") consoleErrors.Add($"{m.Text} at {m.Location}"); };
        page.PageError += (_, e) => consoleErrors.Add("page error: " + e);
        page.Response += (_, r) => { if (r.Status >= 400) consoleErrors.Add($"{r.Status} {r.Url}"); };

        await page.GotoAsync(site.Url("/setup"));
        await page.FillAsync("#SiteName", "Bảo vệ trẻ em thành phố");
        await page.FillAsync("#AdminUserName", "bientap");
        await page.FillAsync("#AdminEmail", "bientap@example.org");
        await page.FillAsync("#AdminPassword", Password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => url.Contains("/login"));
        await page.FillAsync("#UserName", "bientap");
        await page.FillAsync("#Password", Password);
        await page.ClickAsync("form button[type=submit]");
        await page.WaitForURLAsync(url => url.EndsWith("/admin"));

        await page.GotoAsync(site.Url("/admin/content/new/Article"));
        await page.FillAsync("#f_TitlePart_Title", "Bảng số điện thoại hỗ trợ trẻ em");
        await page.Locator(Area).WaitForAsync();
        // The toolbar speaks Vietnamese.
        Assert.Equal("Chèn bảng 3 × 3", await page.GetAttributeAsync($"{Editor} button[data-command=table]", "aria-label"));
        Assert.Equal("Trích dẫn", await page.GetAttributeAsync($"{Editor} button[data-command=quote]", "aria-label"));

        // A quote.
        await page.ClickAsync(Area);
        await page.Keyboard.TypeAsync("Mỗi cuộc gọi đều được lắng nghe");
        await page.ClickAsync($"{Editor} button[data-command=quote]");
        await page.Locator($"{Area} blockquote:has-text('Mỗi cuộc gọi đều được lắng nghe')").WaitForAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.ClickAsync($"{Editor} button[data-command=quote]");

        // A 3 × 3 table, text in its first cell, one more row.
        await page.ClickAsync($"{Editor} button[data-command=table]");
        await page.Locator($"{Area} table").WaitForAsync();
        Assert.Equal(3, await page.Locator($"{Area} table tr").CountAsync());
        await page.Keyboard.TypeAsync("Tổng đài 111");
        await page.Locator($"{Area} table td:has-text('Tổng đài 111')").WaitForAsync();
        Assert.False(await page.IsDisabledAsync($"{Editor} button[data-command=row]"));
        await page.ClickAsync($"{Editor} button[data-command=row]");
        Assert.Equal(4, await page.Locator($"{Area} table tr").CountAsync());

        // An image from the media library: without alt text it is refused, with it inserted.
        await page.Keyboard.PressAsync("Control+End");
        await page.ClickAsync($"{Editor} button[data-command=image]");
        await page.ClickAsync($"{Editor} .rich-editor-media-item[data-media-id='ca26bk455s0krz86fknjbpn6v4']");
        await page.FillAsync($"{Editor} .rich-editor-alt", "   ");
        await page.ClickAsync($"{Editor} .rich-editor-insert-image");
        await page.Locator($"{Editor} .rich-editor-media .field-error:has-text('Hãy mô tả ảnh')").WaitForAsync();
        Assert.Equal(0, await page.Locator($"{Area} img").CountAsync());
        await page.FillAsync($"{Editor} .rich-editor-alt", "Áp phích gọi 111 & \"miễn phí\"");
        await page.ClickAsync($"{Editor} .rich-editor-insert-image");
        var image = page.Locator($"{Area} img[src^='/media/ca26bk455s0krz86fknjbpn6v4']");
        await image.WaitForAsync();
        Assert.Equal("Áp phích gọi 111 & \"miễn phí\"", await image.GetAttributeAsync("alt"));
        Assert.False(await page.IsVisibleAsync($"{Editor} .rich-editor-media"));

        // A 5 MB paste is refused whole, with a message, and nothing of it reaches the editor.
        var before = await page.InputValueAsync(Source);
        Assert.True(await page.EvaluateAsync<bool>(HugePaste));
        await page.Locator($"{Editor} .rich-editor-message:has-text('Nội dung quá dài')").WaitForAsync();
        Assert.Equal(before, await page.InputValueAsync(Source));
        Assert.True(before.Length < 10_000);

        // Stored and published as plain semantic HTML.
        await page.RunAndWaitForNavigationAsync(() => page.ClickAsync("button.primary:has-text('Xuất bản')"));
        Assert.True(page.Url.EndsWith("/edit"), $"{page.Url}\n{await page.InnerTextAsync("main")}");
        var stored = await page.InputValueAsync(Source);
        Assert.Contains("<blockquote>Mỗi cuộc gọi đều được lắng nghe</blockquote>", stored);
        Assert.Contains("<td>Tổng đài 111</td>", stored);
        Assert.Equal(4, System.Text.RegularExpressions.Regex.Matches(stored, "<tr>").Count);
        Assert.Matches("<img src=\"/media/ca26bk455s0krz86fknjbpn6v4/[^\"]+\" alt=\"Áp phích gọi 111 &amp; &quot;miễn phí&quot;\"", stored);
        foreach (var bad in new[] { "style=", "class=", "data-row", "contenteditable", "&nbsp;" })
            Assert.DoesNotContain(bad, stored, StringComparison.OrdinalIgnoreCase);
        // The stored body loads back into the editor, table and image included.
        await page.Locator($"{Area} table td:has-text('Tổng đài 111')").WaitForAsync();
        await page.Locator($"{Area} img[alt='Áp phích gọi 111 & \"miễn phí\"']").WaitForAsync();

        var href = await page.GetAttributeAsync("main p.hint a[target=_blank]", "href");
        await page.GotoAsync(site.Url(href!));
        await page.Locator("main blockquote:has-text('Mỗi cuộc gọi đều được lắng nghe')").WaitForAsync();
        await page.Locator("main table td:has-text('Tổng đài 111')").WaitForAsync();
        var published = page.Locator("main img[src^='/media/ca26bk455s0krz86fknjbpn6v4']");
        Assert.Equal("Áp phích gọi 111 & \"miễn phí\"", await published.GetAttributeAsync("alt"));
        Assert.True(consoleErrors.Count == 0, string.Join("\n", consoleErrors));
    }
}
