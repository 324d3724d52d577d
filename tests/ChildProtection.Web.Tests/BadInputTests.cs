using System.Net;
using System.Text;
using Xunit;

namespace ChildProtection.Web.Tests;

/// <summary>Wrong input gets a clear Vietnamese message, changes nothing, and never a 500.</summary>
public sealed class BadInputTests(SetUpSite site) : IClassFixture<SetUpSite>
{
    private async Task<HttpResponseMessage> UploadRecipeAsync(byte[] bytes, string fileName)
    {
        var page = await site.Admin.GetStringAsync("/admin/recipes");
        var form = new MultipartFormDataContent
        {
            { new StringContent(SiteClient.TokenIn(page)!), "__RequestVerificationToken" },
            { new ByteArrayContent(bytes), "file", fileName },
        };
        return await site.Admin.Http.PostAsync("/admin/recipes?handler=Upload", form);
    }

    [Fact]
    public async Task An_image_uploaded_as_a_recipe_is_refused_with_a_message()
    {
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0xFF, 0xD8, 0x00, 0x01, 0xC3, 0x28];
        var response = await UploadRecipeAsync(png, "ap-phich.png");
        Assert.NotEqual(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("không phải văn bản UTF-8", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_recipe_with_a_vietnamese_file_name_and_bad_json_names_the_line()
    {
        var response = await UploadRecipeAsync(Encoding.UTF8.GetBytes("{ \"name\": \"hỏng\", \"steps\": [ "), "mẫu thiết lập hỏng.recipe.json");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("không phải JSON hợp lệ", html);
        Assert.Contains("chưa có gì được áp dụng", html);
    }

    [Fact]
    public async Task A_duplicate_content_type_is_refused_and_the_existing_one_is_kept()
    {
        var response = await site.Admin.PostFormAsync("/admin/types", new() { ["displayName"] = "Bài viết khác", ["name"] = "Article" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("Đã có loại nội dung tên Article", await response.Content.ReadAsStringAsync());
        Assert.Contains("Bài viết", await site.Admin.GetStringAsync("/admin/types/Article"));
    }

    [Fact]
    public async Task Settings_with_a_wrong_page_size_and_an_empty_name_are_refused()
    {
        var response = await site.Admin.PostFormAsync("/admin/settings", new()
        {
            ["siteName"] = "   ", ["pageSize"] = "mười", ["timeZone"] = "Asia/Ho_Chi_Minh", ["culture"] = "vi-VN",
        });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Nhập tên trang", html);
        Assert.Contains("Số mục mỗi trang phải là số nguyên", html);
        Assert.Contains("Bảo vệ trẻ em thành phố", await site.Admin.GetStringAsync("/admin/settings"));
    }

    [Fact]
    public async Task An_editor_post_with_an_unknown_term_is_refused_and_keeps_what_was_typed()
    {
        var response = await site.Admin.PostFormAsync("/admin/content/new/Article?handler=Save", new()
        {
            ["TitlePart.Title"] = "Tập huấn kỹ năng sống cho học sinh tiểu học",
            ["Topics.TermIds"] = "khong-ton-tai",
        }, formPage: "/admin/content/new/Article");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Không có mục &quot;khong-ton-tai&quot;", html);
        Assert.Contains("value=\"Tập huấn kỹ năng sống cho học sinh tiểu học\"", html);
    }
}
