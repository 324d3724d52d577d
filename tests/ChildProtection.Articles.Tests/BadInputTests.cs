using System.Net;
using System.Xml.Linq;
using AngleSharp.Html.Parser;
using ChildProtection.Web.Tests;

namespace ChildProtection.Articles.Tests;

/// <summary>
/// The XSS corpus (tests/xss-corpus.txt) through every text and HTML field of an article, benign
/// Vietnamese text with &lt;, &amp; and quotes, and a body too large to keep.
/// </summary>
public sealed class BadInputTests(BadInputTests.Site site) : IClassFixture<BadInputTests.Site>
{
    public sealed class Site : ArticlesSite;

    public static IEnumerable<object[]> Corpus() =>
        File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "xss-corpus.txt"))
            .Where(l => l.Length > 0 && !l.StartsWith("# ", StringComparison.Ordinal))
            .Select((line, i) => new object[] { i + 1, line });

    [Fact]
    public void The_corpus_has_at_least_forty_payloads() => Assert.True(Corpus().Count() >= 40);

    private static Dictionary<string, string> EveryField(string title, string text, string html) => new()
    {
        ["TitlePart.Title"] = title,
        ["RoutePart.Path"] = "",
        ["SummaryPart.Summary"] = text,
        ["BodyPart.Html"] = html,
        ["Article.Byline.Text"] = text.Length > 200 ? text[..200] : text,
        ["Article.Source.Text"] = text,
        ["Topics.TermIds"] = "an-toan-mang",
        ["OfficialDocumentPart.Issuer"] = text,
        ["OfficialDocumentPart.NumberAndSymbol"] = "2869/UBND-LĐTBXH",
        ["OfficialDocumentPart.DocumentType"] = "Công văn",
        ["OfficialDocumentPart.IssuedDate"] = "2024-04-03",
        ["OfficialDocumentPart.IssuedPlace"] = text,
        ["OfficialDocumentPart.Summary"] = text,
        ["OfficialDocumentPart.SignerTitle"] = text,
        ["OfficialDocumentPart.SignerName"] = text,
        ["OfficialDocumentPart.Recipients"] = text + "\nLưu: VT",
        ["SeoPart.MetaTitle"] = text.Length > 200 ? text[..200] : text,
        ["SeoPart.MetaDescription"] = text,
    };

    private async Task<string> PublishAsync(Dictionary<string, string> fields)
    {
        var response = await site.Admin.PostFormAsync("/admin/content/new/Article?handler=Publish", fields, formPage: "/admin/content/new/Article");
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return response.Headers.Location!.OriginalString;
    }

    private async Task<string> PublicPathAsync(string editUrl)
    {
        var edit = new HtmlParser().ParseDocument(await site.Admin.GetStringAsync(editUrl));
        var path = edit.QuerySelector("[name='RoutePart.Path']")!.GetAttribute("value");
        Assert.False(string.IsNullOrEmpty(path));
        return "/" + path;
    }

    [Theory]
    [MemberData(nameof(Corpus))]
    public async Task A_payload_in_every_field_executes_nowhere(int number, string payload)
    {
        var editUrl = await PublishAsync(EveryField($"Bài thử {number} {payload}", payload, $"<p>trước</p>{payload}<p>sau</p>"));
        var path = await PublicPathAsync(editUrl);

        var (status, page) = await site.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, status);
        PageSafety.AssertInert(page, $"article page #{number}");
        // Text fields come back as the text that was typed.
        var doc = new HtmlParser().ParseDocument(page);
        Assert.Equal(string.Join(' ', $"Bài thử {number} {payload}".Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)), doc.QuerySelector("h1")!.TextContent);

        PageSafety.AssertInert((await site.GetAsync("/chu-de/an-toan-mang")).Body, $"topic page #{number}", allowForms: true);
        PageSafety.AssertInert((await site.GetAsync("/tin-tuc")).Body, $"news list #{number}", allowForms: true);
        PageSafety.AssertInert((await site.GetAsync("/ban-in" + path)).Body, $"print view #{number}");
        PageSafety.AssertInert(await site.Admin.GetStringAsync(editUrl), $"admin editor #{number}", allowForms: true);
        PageSafety.AssertInert(await site.Admin.GetStringAsync("/admin/content?type=Article"), $"admin list #{number}", allowForms: true);
        XDocument.Parse((await site.GetAsync("/chu-de/an-toan-mang/rss.xml")).Body);
        XDocument.Parse((await site.GetAsync("/chu-de/an-toan-mang/atom.xml")).Body);
    }

    [Fact]
    public async Task Benign_vietnamese_text_with_brackets_ampersands_and_quotes_survives_intact()
    {
        const string title = "Trẻ em < 16 tuổi & \"cha mẹ\" – 'người giám hộ' > 18";
        const string text = "Điểm < 5 & \"khá\" ≥ 7; Nguyễn Thị Hồng Đào nói: 'đừng sợ'";
        var editUrl = await PublishAsync(EveryField(title, text, "<p>Điểm &lt; 5 &amp; \"khá\" – 'giỏi' &gt; 8</p>"));
        var path = await PublicPathAsync(editUrl);
        var doc = new HtmlParser().ParseDocument((await site.GetAsync(path)).Body);
        Assert.Equal(title, doc.QuerySelector("h1")!.TextContent);
        Assert.Equal(text, doc.QuerySelector(".lead")!.TextContent);
        Assert.Equal("Điểm < 5 & \"khá\" – 'giỏi' > 8", doc.QuerySelector(".prose")!.TextContent);
        Assert.Equal(text, doc.QuerySelector(".byline .author")!.TextContent);
        Assert.Equal(text, doc.QuerySelector("meta[name=description]")!.GetAttribute("content"));

        var edit = new HtmlParser().ParseDocument(await site.Admin.GetStringAsync(editUrl));
        Assert.Equal(title, edit.QuerySelector("[name='TitlePart.Title']")!.GetAttribute("value"));
        Assert.Equal(text, edit.QuerySelector("[name='SummaryPart.Summary']")!.TextContent.Trim('\n'));

        var rss = XDocument.Parse((await site.GetAsync("/tin-tuc/rss.xml")).Body);
        Assert.Contains(rss.Descendants("title"), t => t.Value == title);
    }

    [Fact]
    public async Task A_five_megabyte_body_gets_a_clear_message_and_saves_nothing()
    {
        var before = await site.Admin.GetStringAsync("/admin/content?type=Article");
        var paragraph = "<p>Đoạn văn dán từ Word về phòng, chống đuối nước cho trẻ em trong mùa hè.</p>";
        var body = string.Concat(Enumerable.Repeat(paragraph, 5_300_000 / paragraph.Length + 1));
        var response = await site.Admin.PostFormAsync("/admin/content/new/Article?handler=Publish",
            EveryField("Bài rất dài", "Tóm tắt", body), formPage: "/admin/content/new/Article");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Tối đa 5000000 ký tự.", html);
        Assert.DoesNotContain("Bài rất dài", (await site.GetAsync("/tin-tuc")).Body);
        Assert.Equal(
            new HtmlParser().ParseDocument(before).QuerySelectorAll("tbody tr").Length,
            new HtmlParser().ParseDocument(await site.Admin.GetStringAsync("/admin/content?type=Article")).QuerySelectorAll("tbody tr").Length);
    }

    [Fact]
    public async Task A_title_of_spaces_and_a_taken_address_are_refused_in_vietnamese()
    {
        var spaces = await site.Admin.PostFormAsync("/admin/content/new/Article?handler=Publish",
            EveryField("   ", "Tóm tắt", "<p>x</p>"), formPage: "/admin/content/new/Article");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, spaces.StatusCode);
        Assert.Contains("Cần nhập tiêu đề.", await spaces.Content.ReadAsStringAsync());

        var fields = EveryField("Bài trùng địa chỉ", "Tóm tắt", "<p>x</p>");
        fields["RoutePart.Path"] = NewsPagesTests.SamplePath.TrimStart('/');
        var taken = await site.Admin.PostFormAsync("/admin/content/new/Article?handler=Publish", fields, formPage: "/admin/content/new/Article");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, taken.StatusCode);
        Assert.Contains("đã được dùng cho mục khác", await taken.Content.ReadAsStringAsync());
    }
}
