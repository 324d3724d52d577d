using System.Net;
using System.Net.Http.Headers;
using ChildProtection.Core.Contents;
using ChildProtection.Library.Parts;
using ChildProtection.Web.Tests;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Library.Tests;

/// <summary>The library's editor in the admin: uploads go to the media library, the resource is saved through the content manager.</summary>
public sealed class EditorTests(LibrarySite site) : IClassFixture<LibrarySite>
{
    [Fact]
    public async Task An_editor_uploads_a_poster_and_a_handbook_creates_the_resource_and_publishes_it()
    {
        var poster = TestFiles.Png(seed: 21);
        var handbook = TestFiles.Pdf(8, "So tay");
        var form = await FormAsync("/admin/library/edit", new()
        {
            ["Input.Title"] = "Sổ tay phòng chống xâm hại cho cha mẹ",
            ["Input.Summary"] = "Những điều cha mẹ cần biết.",
            ["Input.Kind"] = "handbook",
            ["Input.Audiences"] = "parents",
            ["Input.TopicIds"] = "bao-luc-xam-hai",
            ["Input.CampaignIds"] = "campaignjune2024",
            ["Input.Language"] = "vi",
            ["Input.UsageNote"] = "",
            ["Input.NewFiles[0].Label"] = "Bản in A4 (PDF)",
            ["Input.NewFiles[1].Label"] = "",
        }, ("Input.NewFiles[0].Upload", "sổ tay A4.pdf", handbook), ("Input.NewFiles[1].Upload", "áp phích.png", poster));

        var response = await site.Admin.Http.PostAsync("/admin/library/edit?handler=Publish", form);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var id = response.Headers.Location!.OriginalString.Split('/')[^1];
        await using var scope = site.Factory.Services.CreateAsyncScope();
        var item = await scope.ServiceProvider.GetRequiredService<IContentManager>().GetAsync(id, VersionOptions.Published);
        Assert.NotNull(item);
        var data = ResourceData.From(item);
        Assert.Equal(["Bản in A4 (PDF)", "áp phích (PNG)"], data.Files.Select(f => f.Label));
        Assert.Equal("Tự do in và chia sẻ", data.UsageNote);
        Assert.Equal(["parents"], data.Audiences);
        Assert.StartsWith("thu-vien/", item.Path);

        using var visitor = site.Anonymous();
        var list = await visitor.GetStringAsync("/thu-vien?chu-de=bao-luc-xam-hai");
        Assert.Contains("Sổ tay phòng chống xâm hại cho cha mẹ", list);
        var download = await visitor.Http.GetAsync($"/{item.Path}/tai-ve/{data.Files[0].Key}");
        Assert.Equal(handbook, await download.Content.ReadAsByteArrayAsync());

        var edit = await site.Admin.GetStringAsync($"/admin/library/edit/{id}");
        Assert.Contains("Bản in A4 (PDF)", edit);
        Assert.Contains("8 trang", edit);
    }

    [Fact]
    public async Task A_resource_without_a_title_or_with_a_file_the_media_library_refuses_saves_nothing_and_keeps_good_uploads()
    {
        var before = await CountAsync();
        var form = await FormAsync("/admin/library/edit", new()
        {
            ["Input.Title"] = "   ",
            ["Input.Kind"] = "poster",
            ["Input.Language"] = "vi",
            ["Input.NewFiles[0].Label"] = "Bản in A4 (PDF)",
            ["Input.NewFiles[1].Label"] = "Trang web giả",
            ["Input.NewFiles[2].Label"] = "Tệp không có",
            ["Input.NewFiles[2].MediaId"] = "khongcotep",
        }, ("Input.NewFiles[0].Upload", "a4.pdf", TestFiles.Pdf(1)), ("Input.NewFiles[1].Upload", "anh.jpg", "<html><script>alert(1)</script></html>"u8.ToArray()));

        var response = await site.Admin.Http.PostAsync("/admin/library/edit?handler=Save", form);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("Chưa lưu gì", html);
        Assert.Contains("anh.jpg không được nhận", html);
        Assert.Contains("Thư viện media không có tệp \"khongcotep\"", html);
        // The PDF that was accepted stays on the form as a file of the resource: no second upload needed.
        Assert.Contains("name=\"Input.Files[0].MediaId\"", html);
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task Bad_values_posted_by_hand_are_refused_by_the_part()
    {
        var before = await CountAsync();
        var form = await FormAsync("/admin/library/edit", new()
        {
            ["Input.Title"] = "Tài liệu lạ",
            ["Input.Kind"] = "tank",
            ["Input.Audiences"] = "aliens",
            ["Input.CampaignIds"] = "khong-co",
            ["Input.Language"] = "xx",
            ["Input.VideoUrl"] = "javascript:alert(1)",
            ["Input.Files[0].MediaId"] = "khongcotep",
            ["Input.Files[0].Label"] = "Bản in",
        });
        var response = await site.Admin.Http.PostAsync("/admin/library/edit?handler=Save", form);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("Hãy chọn loại tài liệu.", html);
        Assert.Contains("Không có đối tượng \"aliens\"", html);
        Assert.Contains("Không có chiến dịch \"khong-co\"", html);
        Assert.Contains("Không có ngôn ngữ \"xx\"", html);
        Assert.Contains("Địa chỉ video phải bắt đầu bằng https://", html);
        Assert.Contains("Tệp \"khongcotep\" không có trong thư viện media", html);
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task The_admin_list_shows_resources_and_the_public_cannot_open_the_editor()
    {
        var html = await site.Admin.GetStringAsync("/admin/library");
        Assert.Contains("Áp phích Tổng đài quốc gia bảo vệ trẻ em 111", html);
        Assert.Contains("Tài liệu truyền thông", html);
        using var visitor = site.Anonymous();
        var response = await visitor.Http.GetAsync("/admin/library/edit");
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await site.Admin.Http.GetAsync("/admin/library/edit/khongco")).StatusCode);
    }

    [Fact]
    public async Task An_uploaded_file_keeps_its_whole_name_with_a_slash_as_a_dash()
    {
        var form = await FormAsync("/admin/library/edit", new()
        {
            ["Input.Title"] = "Thông báo số 12 về tháng hành động",
            ["Input.Kind"] = "handbook",
            ["Input.Language"] = "vi",
            ["Input.NewFiles[0].Label"] = "",
        }, ("Input.NewFiles[0].Upload", "ĐẶC BIỆT - Thông báo số 12/2024.pdf", TestFiles.Pdf(1, "Thong bao")));

        var response = await site.Admin.Http.PostAsync("/admin/library/edit?handler=Save", form);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var id = response.Headers.Location!.OriginalString.Split('/')[^1];
        await using var scope = site.Factory.Services.CreateAsyncScope();
        var item = await scope.ServiceProvider.GetRequiredService<IContentManager>().GetAsync(id, VersionOptions.Latest);
        // Was "2024 (PDF)": the name was cut at its slash as if it were a folder.
        Assert.Equal(["ĐẶC BIỆT - Thông báo số 12-2024 (PDF)"], ResourceData.From(item!).Files.Select(f => f.Label));
    }

    private async Task<int> CountAsync()
    {
        await using var scope = site.Factory.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<IContentManager>().ListLatestOfTypeAsync("Resource")).Count;
    }

    private async Task<MultipartFormDataContent> FormAsync(string page, Dictionary<string, string> fields, params (string Name, string FileName, byte[] Bytes)[] files)
    {
        // The editor's own form must carry the token (a token from the layout's other forms would hide its absence).
        var html = await site.Admin.GetStringAsync(page);
        var start = html.IndexOf("<form method=\"post\" enctype=\"multipart/form-data\"", StringComparison.Ordinal);
        if (start < 0) throw new InvalidOperationException("No editor form on " + page);
        var token = SiteClient.TokenIn(html[start..html.IndexOf("</form>", start, StringComparison.Ordinal)])
            ?? throw new InvalidOperationException("The editor form on " + page + " carries no antiforgery token");
        var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        foreach (var (k, v) in fields)
            foreach (var value in v.Split('\n')) form.Add(new StringContent(value), k);
        foreach (var (name, fileName, bytes) in files)
        {
            var content = new ByteArrayContent(bytes);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(content, name, fileName);
        }
        return form;
    }
}
