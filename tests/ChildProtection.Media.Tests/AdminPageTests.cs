using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using ChildProtection.Web.Tests;
using Microsoft.EntityFrameworkCore;

namespace ChildProtection.Media.Tests;

/// <summary>The admin library as a person (and its script) uses it: upload, list, search, folders, describe, rename, move, delete.</summary>
public sealed class AdminPageTests(MediaSite site) : IClassFixture<MediaSite>
{
    private async Task<string> TokenAsync(string page = "/admin/media")
    {
        var html = await site.Admin.GetStringAsync(page);
        return SiteClient.TokenIn(html) ?? throw new InvalidOperationException("no token on " + page);
    }

    private async Task<HttpResponseMessage> UploadAsync(string folder, bool json, params (byte[] Bytes, string Name)[] files)
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent(await TokenAsync()), "__RequestVerificationToken" },
            { new StringContent(folder), "folder" },
        };
        foreach (var (bytes, name) in files)
        {
            var content = new ByteArrayContent(bytes);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(content, "files", name);
        }
        var request = new HttpRequestMessage(HttpMethod.Post, "/admin/media?handler=Upload") { Content = form };
        if (json) request.Headers.Accept.ParseAdd("application/json");
        return await site.Admin.Http.SendAsync(request);
    }

    [Fact]
    public async Task The_script_uploads_one_file_per_request_and_reads_json()
    {
        var ok = await UploadAsync("chien-dich", json: true, (TestFiles.Jpeg(640, 480), "Ảnh tập huấn.jpg"));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        using var body = JsonDocument.Parse(await ok.Content.ReadAsStringAsync());
        var stored = body.RootElement.GetProperty("stored")[0];
        Assert.Equal("Ảnh tập huấn.jpg", stored.GetProperty("name").GetString());
        Assert.Equal("chien-dich", stored.GetProperty("folder").GetString());
        Assert.StartsWith("/admin/media/", stored.GetProperty("edit").GetString());

        var refused = await UploadAsync("", json: true, (BadInputs.Html(), "trang.jpg"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        using var error = JsonDocument.Parse(await refused.Content.ReadAsStringAsync());
        Assert.Contains("HTML", error.RootElement.GetProperty("errors")[0].GetString());
    }

    [Fact]
    public async Task Without_script_the_form_posts_many_files_and_the_page_reports()
    {
        var response = await UploadAsync("nhieu-tep", json: false, (TestFiles.Png(60, 60), "mot.png"), (TestFiles.Pdf(2), "hai.pdf"), (BadInputs.Tiff(), "ba.tif"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/admin/media?folder=nhieu-tep", response.Headers.Location!.OriginalString);
        var page = await site.Admin.GetStringAsync("/admin/media?folder=nhieu-tep");
        Assert.Contains("mot.png", page);
        Assert.Contains("hai.pdf", page);
        Assert.Contains("TIFF", page);
        Assert.Contains("2 tệp", page);
        Assert.DoesNotContain("<script>", page);
    }

    [Fact]
    public async Task The_list_searches_by_name_alt_text_and_folder_without_diacritics()
    {
        await site.StoreAsync(TestFiles.Jpeg(100, 100), "Đuối nước mùa hè.jpg", "tim-kiem", "Trẻ em bơi ở hồ");
        await site.StoreAsync(TestFiles.Jpeg(100, 100), "khac.jpg", "tim-kiem/con", "Lớp học kỹ năng sống");
        var byName = await site.Admin.GetStringAsync("/admin/media?q=duoi+nuoc");
        Assert.Contains("Đuối nước mùa hè.jpg", byName);
        var byAlt = await site.Admin.GetStringAsync("/admin/media?q=k%E1%BB%B9+n%C4%83ng");
        Assert.Contains("khac.jpg", byAlt);
        var byFolder = await site.Admin.GetStringAsync("/admin/media?q=tim-kiem%2Fcon");
        Assert.Contains("khac.jpg", byFolder);
        Assert.DoesNotContain("Đuối nước mùa hè.jpg", byFolder);
        var wildcard = await site.Admin.GetStringAsync("/admin/media?q=%25");
        Assert.DoesNotContain("khac.jpg", wildcard);

        var json = await site.Admin.Http.GetStringAsync("/admin/media?handler=Json&q=nuoc+mua+he&images=true");
        using var doc = JsonDocument.Parse(json);
        Assert.Equal(1, doc.RootElement.GetProperty("total").GetInt32());
        Assert.Equal("Trẻ em bơi ở hồ", doc.RootElement.GetProperty("items")[0].GetProperty("alt").GetString());
    }

    [Fact]
    public async Task Folders_are_created_and_only_empty_ones_deleted()
    {
        var created = await site.Admin.PostFormAsync("/admin/media?handler=CreateFolder", new() { ["parent"] = "", ["name"] = "Tờ rơi 2025" });
        Assert.Equal("/admin/media?folder=to-roi-2025", created.Headers.Location!.OriginalString);
        await site.StoreAsync(TestFiles.Pdf(1), "to-roi.pdf", "to-roi-2025");
        var refused = await site.Admin.PostFormAsync("/admin/media?handler=DeleteFolder", new() { ["path"] = "to-roi-2025" });
        Assert.Contains("không trống", await site.Admin.GetStringAsync(refused.Headers.Location!.OriginalString));
        var empty = await site.Admin.PostFormAsync("/admin/media?handler=CreateFolder", new() { ["parent"] = "", ["name"] = "Trống" });
        Assert.Equal(HttpStatusCode.Redirect, empty.StatusCode);
        await site.Admin.PostFormAsync("/admin/media?handler=DeleteFolder", new() { ["path"] = "trong" });
        Assert.DoesNotContain("trong", await site.WithDbAsync(db => db.Folders.Select(f => f.Path).ToListAsync()));
    }

    [Fact]
    public async Task A_file_is_described_renamed_moved_and_deleted_from_its_page()
    {
        var file = (await site.StoreAsync(TestFiles.Jpeg(500, 300), "anh-cu.jpg", "tam")).File!;
        var page = $"/admin/media/{file.Id}";
        Assert.Contains("anh-cu.jpg", await site.Admin.GetStringAsync(page));

        var saved = await site.Admin.PostFormAsync($"{page}?handler=Save", new()
        {
            ["name"] = "Ảnh mới.png", ["altText"] = "Hai em nhỏ đọc sách", ["caption"] = "Thư viện phường", ["credit"] = "Ảnh: Phòng VH-TT",
        }, page);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var after = (await site.WithLibraryAsync(l => l.GetAsync(file.Id)))!;
        // The extension stays what the file is; the stored name (and so the address) stays.
        Assert.Equal("Ảnh mới.png.jpg", after.OriginalName);
        Assert.Equal(file.StoredName, after.StoredName);
        Assert.Equal("Hai em nhỏ đọc sách", after.AltText);
        Assert.Equal("Ảnh: Phòng VH-TT", after.Credit);

        var moved = await site.Admin.PostFormAsync($"{page}?handler=Move", new() { ["target"] = "", ["newFolder"] = "Lưu trữ/2024" }, page);
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        Assert.Equal("luu-tru/2024", (await site.WithLibraryAsync(l => l.GetAsync(file.Id)))!.Folder);

        var deleted = await site.Admin.PostFormAsync($"{page}?handler=Delete", new(), page);
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Null(await site.WithLibraryAsync(l => l.GetAsync(file.Id)));
        Assert.Equal(HttpStatusCode.NotFound, (await site.Admin.Http.GetAsync(page)).StatusCode);
    }

    [Fact]
    public async Task The_library_needs_the_ManageMedia_permission()
    {
        var anonymous = await site.Anonymous.GetAsync("/admin/media");
        Assert.NotEqual(HttpStatusCode.OK, anonymous.StatusCode);
        var json = await site.Anonymous.GetAsync("/admin/media?handler=Json");
        Assert.NotEqual(HttpStatusCode.OK, json.StatusCode);
    }

    [Fact]
    public async Task The_content_editor_carries_the_picker_script_without_inline_script()
    {
        var html = await site.Admin.GetStringAsync("/admin/content/new/Article");
        Assert.Contains("/_content/ChildProtection.Media/js/media-picker.js?v=", html);
        Assert.Contains("/_content/ChildProtection.Media/css/media.css?v=", html);
        Assert.DoesNotContain("<script>", html);
        var js = await site.Anonymous.GetAsync("/_content/ChildProtection.Media/js/media-picker.js");
        Assert.Equal(HttpStatusCode.OK, js.StatusCode);
        Assert.DoesNotContain("media-picker.js", await site.Admin.GetStringAsync("/admin"));
        var library = await site.Admin.GetStringAsync("/admin/media");
        Assert.Contains("/_content/ChildProtection.Media/js/media-library.js", library);
        Assert.Contains("Thư viện tệp", library);
    }
}
