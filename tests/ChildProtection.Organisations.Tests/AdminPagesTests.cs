using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ChildProtection.Organisations.Data;
using ChildProtection.Organisations.Import;
using ChildProtection.Web.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Organisations.Tests;

/// <summary>The directory's admin pages on the whole site, as a signed-in administrator (the site answers in Vietnamese).</summary>
public sealed class AdminPagesTests(SetUpSite site) : IClassFixture<SetUpSite>
{
    private async Task<T> DbAsync<T>(Func<DirectoryDbContext, Task<T>> action)
    {
        await using var scope = site.Factory.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<DirectoryDbContext>());
    }

    [Fact]
    public async Task The_list_creating_with_a_bad_address_and_searching_without_diacritics()
    {
        var empty = await site.Admin.Http.GetAsync("/admin/directory?q=khong-co-gi");
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        var html = await empty.Content.ReadAsStringAsync();
        Assert.Contains("Danh bạ đơn vị", html);

        var bad = await site.Admin.PostFormAsync("/admin/directory/edit", new()
        {
            ["Input.Code"] = "TH-HTTP", ["Input.Name"] = "Trường Tiểu học Hưng Định", ["Input.Kind"] = "School", ["Input.Level"] = "Primary",
            ["Input.Contacts[0].Name"] = "Hiệu trưởng", ["Input.Contacts[0].Emails"] = "hieutruong@example.edu.vn; khong dung@",
        });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        var refused = await bad.Content.ReadAsStringAsync();
        Assert.Contains("không phải là địa chỉ thư điện tử hợp lệ", refused);
        Assert.Contains("Trường Tiểu học Hưng Định", refused);
        Assert.False(await DbAsync(db => db.Organisations.AnyAsync(o => o.Code == "TH-HTTP")));

        var good = await site.Admin.PostFormAsync("/admin/directory/edit", new()
        {
            ["Input.Code"] = "th-http", ["Input.Name"] = "Trường Tiểu học Hưng Định", ["Input.Kind"] = "School", ["Input.Level"] = "Primary",
            ["Input.ValidFrom"] = "01/07/2025",
            ["Input.Contacts[0].Name"] = "Hiệu trưởng", ["Input.Contacts[0].Emails"] = "hieutruong@example.edu.vn, vanthu@example.edu.vn",
        });
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        var saved = await DbAsync(db => db.Organisations.Include(o => o.Contacts).ThenInclude(c => c.Emails).SingleAsync(o => o.Code == "TH-HTTP"));
        Assert.Equal(2, Assert.Single(saved.Contacts).Emails.Count);
        Assert.Equal(new DateOnly(2025, 7, 1), saved.ValidFrom);

        var found = await site.Admin.GetStringAsync("/admin/directory?q=hung+dinh");
        Assert.Contains("Trường Tiểu học Hưng Định", found);
        var edit = await site.Admin.GetStringAsync($"/admin/directory/edit/{saved.Id}");
        Assert.Contains("hieutruong@example.edu.vn; vanthu@example.edu.vn", edit);
        Assert.Contains("/_content/ChildProtection.Organisations/js/organisation-picker.js", edit);
        foreach (var script in new[] { "organisation-picker.js", "group-form.js" })
            Assert.Equal(HttpStatusCode.OK, (await site.Admin.Http.GetAsync($"/_content/ChildProtection.Organisations/js/{script}")).StatusCode);
    }

    [Fact]
    public async Task Deleting_a_successor_is_refused_with_the_reason()
    {
        var successor = await site.Admin.PostFormAsync("/admin/directory/edit", new() { ["Input.Code"] = "P-XOA-MOI", ["Input.Name"] = "Phường Mới", ["Input.Kind"] = "Ward" });
        Assert.Equal(HttpStatusCode.Redirect, successor.StatusCode);
        var old = await site.Admin.PostFormAsync("/admin/directory/edit", new()
        {
            ["Input.Code"] = "P-XOA-CU", ["Input.Name"] = "Phường Cũ", ["Input.Kind"] = "Ward", ["Input.ValidTo"] = "30/06/2025", ["Input.SuccessorCode"] = "p-xoa-moi",
        });
        Assert.Equal(HttpStatusCode.Redirect, old.StatusCode);
        var id = await DbAsync(db => db.Organisations.Where(o => o.Code == "P-XOA-MOI").Select(o => o.Id).SingleAsync());

        var refused = await site.Admin.PostFormAsync($"/admin/directory/edit/{id}?handler=Delete", [], $"/admin/directory/edit/{id}");

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("Đơn vị đang là đơn vị kế thừa của: P-XOA-CU Phường Cũ", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()));
        Assert.True(await DbAsync(db => db.Organisations.AnyAsync(o => o.Id == id)));
    }

    [Fact]
    public async Task Import_shows_a_preview_then_imports_the_good_rows()
    {
        var csv = "Mã;Tên;Loại;Cấp học;Phường/Xã;Email\r\n" +
                  "TH-IMP-1;Trường Tiểu học Định Hoà;Trường;Tiểu học;Phường Định Hoà;dinhhoa@example.edu.vn\r\n" +
                  "TH-IMP-2;Trường Tiểu học Lỗi;Trường;Tiểu học;Phường Định Hoà;khong-phai-email\r\n" +
                  "P-IMP;Phường Định Hoà;Phường;;;vanphong@dinhhoa.example.gov.vn\r\n";

        var upload = await UploadAsync(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv)).ToArray(), "danh-ba.csv");
        Assert.Equal(HttpStatusCode.Redirect, upload.StatusCode);
        var previewUrl = upload.Headers.Location!.OriginalString;
        Assert.False(await DbAsync(db => db.Organisations.AnyAsync(o => o.Code == "P-IMP")));

        var preview = WebUtility.HtmlDecode(await site.Admin.GetStringAsync(previewUrl));
        Assert.Contains("Trường Tiểu học Định Hoà", preview);
        Assert.Contains("\"khong-phai-email\" không phải là địa chỉ thư điện tử hợp lệ.", preview);
        Assert.Contains("thêm mới", preview);
        Assert.Contains("Nhập 2 dòng hợp lệ", preview);
        var previewId = previewUrl.Split("preview=")[1];

        var commit = await site.Admin.PostFormAsync("/admin/directory/import?handler=Commit", new() { ["previewId"] = previewId }, previewUrl);

        Assert.Equal(HttpStatusCode.Redirect, commit.StatusCode);
        var school = await DbAsync(db => db.Organisations.SingleAsync(o => o.Code == "TH-IMP-1"));
        var ward = await DbAsync(db => db.Organisations.SingleAsync(o => o.Code == "P-IMP"));
        Assert.Equal(ward.Id, school.WardId);
        Assert.False(await DbAsync(db => db.Organisations.AnyAsync(o => o.Code == "TH-IMP-2")));
        // The preview is used up: committing it again does nothing.
        var again = await site.Admin.PostFormAsync("/admin/directory/import?handler=Commit", new() { ["previewId"] = previewId }, "/admin/directory/import");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, again.StatusCode);

        // The same file again updates instead of failing.
        var second = await UploadAsync(Encoding.UTF8.GetBytes(csv), "danh-ba.csv");
        Assert.Contains("cập nhật", await site.Admin.GetStringAsync(second.Headers.Location!.OriginalString));
    }

    [Fact]
    public async Task A_windows_1258_upload_gets_the_encoding_message_and_a_preview_id_of_someone_else_is_refused()
    {
        byte[] cp1258 = [0x4D, 0xE3, 0x3B, 0x54, 0xEA, 0x6E, 0x0D, 0x0A, 0x54, 0x48, 0x3B, 0x54, 0x72, 0xFD, 0xF5, 0xCC, 0x6E, 0x67];

        var response = await UploadAsync(cp1258, "danh-ba-cu.csv");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("Tệp không dùng bảng mã UTF-8", await response.Content.ReadAsStringAsync());

        var forged = await site.Admin.Http.GetAsync("/admin/directory/import?preview=../../keys/x");
        Assert.Contains("Bản xem trước này đã hết hạn hoặc không tồn tại", await forged.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Import_nothing_drops_the_preview_and_saves_nothing()
    {
        var upload = await UploadAsync(Encoding.UTF8.GetBytes("Code,Name,Kind\nCQ-BO,Phòng Bỏ Qua,Agency\n"), "bo-qua.csv");
        var previewUrl = upload.Headers.Location!.OriginalString;
        var previewId = previewUrl.Split("preview=")[1];

        var discard = await site.Admin.PostFormAsync("/admin/directory/import?handler=Discard", new() { ["previewId"] = previewId }, previewUrl);

        Assert.Equal(HttpStatusCode.Redirect, discard.StatusCode);
        Assert.Contains("Bản xem trước này đã hết hạn hoặc không tồn tại", await site.Admin.GetStringAsync(previewUrl));
        Assert.False(await DbAsync(db => db.Organisations.AnyAsync(o => o.Code == "CQ-BO")));
        // The folder store removes the emptied folder too.
        var imports = Path.Combine(site.Factory.DataPath, "imports");
        Assert.False(System.IO.Directory.Exists(imports) && System.IO.Directory.GetFiles(imports, previewId + "*").Length > 0);
    }

    [Fact]
    public async Task Export_and_templates_download_in_both_formats()
    {
        foreach (var url in new[] { "/admin/directory/import?handler=Template&format=csv", "/admin/directory/import?handler=Template&format=xlsx", "/admin/directory/import?handler=Export&format=csv", "/admin/directory/import?handler=Export&format=xlsx" })
        {
            var response = await site.Admin.Http.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var (table, failure) = ImportTableReader.Read(await response.Content.ReadAsByteArrayAsync());
            Assert.Equal(TableReadFailure.None, failure);
            Assert.Equal(ImportColumns.Headers, table!.Headers);
        }
    }

    [Fact]
    public async Task The_sample_recipe_sets_up_groups_that_count_their_members()
    {
        var apply = await site.Admin.PostFormAsync("/admin/recipes?handler=Apply", new() { ["name"] = "directory-sample" }, "/admin/recipes");
        Assert.Equal(HttpStatusCode.Redirect, apply.StatusCode);

        var groups = WebUtility.HtmlDecode(await site.Admin.GetStringAsync("/admin/directory/groups"));
        Assert.Contains("Tất cả trường tiểu học", groups);
        Assert.Contains("Tất cả phường, xã", groups);
        var resolution = await DbAsync(async db =>
        {
            var primary = await db.Groups.Where(g => g.Name == "Tất cả trường tiểu học").Select(g => g.Id).SingleAsync();
            var board = await db.Groups.Where(g => g.Name == "Ban chỉ đạo hè").Select(g => g.Id).SingleAsync();
            return await new DatabaseRecipientDirectory(db).ResolveAsync(new RecipientSelection([primary, board], []), new DateOnly(2026, 3, 1));
        });
        Assert.Contains(resolution.Recipients, r => r.Email == "tpt.thphuloi@example.edu.vn");
        Assert.Equal("P-PHUCUONG", Assert.Single(resolution.Refused).Code);

        // Running it twice is safe.
        var again = await site.Admin.PostFormAsync("/admin/recipes?handler=Apply", new() { ["name"] = "directory-sample" }, "/admin/recipes");
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);

        // A site export carries the directory in the same step.
        var export = await site.Admin.GetStringAsync("/admin/recipes?handler=Export");
        var step = System.Text.Json.Nodes.JsonNode.Parse(export)!["steps"]!.AsArray().Single(s => (string?)s!["name"] == "Directory")!;
        var old = step["Organisations"]!.AsArray().Single(o => (string?)o!["Code"] == "P-PHUCUONG")!;
        Assert.Equal("P-TDM", (string?)old["Successor"]);
        Assert.Equal("2025-06-30", (string?)old["ValidTo"]);
        Assert.Contains(step["Groups"]!.AsArray(), g => (string?)g!["Name"] == "Tất cả trường tiểu học" && g["Rule"] is not null);
    }

    [Fact]
    public async Task A_directory_step_with_a_bad_address_is_refused_whole()
    {
        var recipe = """
            {"name":"bad-directory","displayName":"Danh bạ lỗi","steps":[{"name":"Directory","Organisations":[
              {"Code":"RC-OK","Name":"Trường Tốt","Kind":"School","Level":"Primary","Contacts":[{"Name":"A","Emails":["tot@example.edu.vn"]}]},
              {"Code":"RC-BAD","Name":"Trường Lỗi","Kind":"School","Contacts":[{"Name":"B","Emails":["khong hop le"]}]}]}]}
            """;
        var page = await site.Admin.GetStringAsync("/admin/recipes");
        using var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(recipe)), "file", "bad.recipe.json");
        form.Add(new StringContent(SiteClient.TokenIn(page)!), "__RequestVerificationToken");

        var response = await site.Admin.Http.PostAsync("/admin/recipes?handler=Upload", form);

        Assert.NotEqual(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("Organisations[1]", await response.Content.ReadAsStringAsync());
        Assert.False(await DbAsync(db => db.Organisations.AnyAsync(o => o.Code.StartsWith("RC-"))));
    }

    [Fact]
    public async Task Groups_fixed_and_by_rule_with_their_counts()
    {
        foreach (var (code, name, kind, level, email) in new[]
        {
            ("P-NHOM", "Phường Nhóm Thử", "Ward", "", "vanphong@nhomthu.example.gov.vn"),
            ("TH-NHOM-1", "Trường Tiểu học Nhóm Một", "School", "Primary", "nhom1@example.edu.vn"),
            ("TH-NHOM-2", "Trường Tiểu học Nhóm Hai", "School", "Primary", "nhom2@example.edu.vn"),
        })
        {
            var created = await site.Admin.PostFormAsync("/admin/directory/edit", new()
            {
                ["Input.Code"] = code, ["Input.Name"] = name, ["Input.Kind"] = kind, ["Input.Level"] = level, ["Input.Contacts[0].Emails"] = email,
            });
            Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        }
        var ward = await DbAsync(db => db.Organisations.Where(o => o.Code == "P-NHOM").Select(o => o.Id).SingleAsync());
        await site.Admin.PostFormAsync($"/admin/directory/edit/{await DbAsync(db => db.Organisations.Where(o => o.Code == "TH-NHOM-1").Select(o => o.Id).SingleAsync())}", new()
        {
            ["Input.Code"] = "TH-NHOM-1", ["Input.Name"] = "Trường Tiểu học Nhóm Một", ["Input.Kind"] = "School", ["Input.Level"] = "Primary", ["Input.WardId"] = ward.ToString(),
            ["Input.Contacts[0].Emails"] = "nhom1@example.edu.vn",
        });

        var unknown = await site.Admin.PostFormAsync("/admin/directory/groups/edit", new() { ["Name"] = "Nhóm thử cố định", ["Kind"] = "Fixed", ["MemberCodes"] = "th-nhom-1\nKHONG-CO" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknown.StatusCode);
        Assert.Contains("Không có đơn vị nào mang mã: KHONG-CO.", await unknown.Content.ReadAsStringAsync());

        var fixedGroup = await site.Admin.PostFormAsync("/admin/directory/groups/edit", new() { ["Name"] = "Nhóm thử cố định", ["Kind"] = "Fixed", ["MemberCodes"] = "th-nhom-1, TH-NHOM-2" });
        Assert.Equal(HttpStatusCode.Redirect, fixedGroup.StatusCode);
        var fixedPage = WebUtility.HtmlDecode(await site.Admin.GetStringAsync(fixedGroup.Headers.Location!.OriginalString));
        Assert.Contains("Hôm nay nhóm gồm 2 đơn vị và 2 địa chỉ thư điện tử.", fixedPage);

        var rule = await site.Admin.PostFormAsync("/admin/directory/groups/edit", new()
        {
            ["Name"] = "Trường tiểu học phường Nhóm Thử", ["Kind"] = "Rule", ["RuleKinds"] = "School", ["RuleLevel"] = "Primary", ["RuleWard"] = ward.ToString(),
        });
        Assert.Equal(HttpStatusCode.Redirect, rule.StatusCode);
        var count = await site.Admin.GetStringAsync($"/admin/directory/groups/edit?handler=Count&ruleKinds=School&ruleLevel=Primary&ruleWard={ward}");
        Assert.Contains("\"organisations\":1", count);
        Assert.Contains("\"emails\":1", count);
        var find = await site.Admin.GetStringAsync("/admin/directory/groups/edit?handler=Find&q=nhom+hai");
        Assert.Contains("TH-NHOM-2", find);

        // The ward is named by the rule, so it cannot be deleted; the group can.
        var refused = await site.Admin.PostFormAsync($"/admin/directory/edit/{ward}?handler=Delete", [], $"/admin/directory/edit/{ward}");
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var ruleId = rule.Headers.Location!.OriginalString.Split('/').Last();
        var deleted = await site.Admin.PostFormAsync($"/admin/directory/groups/edit/{ruleId}?handler=Delete", [], $"/admin/directory/groups/edit/{ruleId}");
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.False(await DbAsync(db => db.Groups.AnyAsync(g => g.Name == "Trường tiểu học phường Nhóm Thử")));
    }

    private async Task<HttpResponseMessage> UploadAsync(byte[] bytes, string fileName)
    {
        var page = await site.Admin.GetStringAsync("/admin/directory/import");
        var token = SiteClient.TokenIn(page)!;
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", fileName);
        form.Add(new StringContent(token), "__RequestVerificationToken");
        return await site.Admin.Http.PostAsync("/admin/directory/import?handler=Upload", form);
    }
}
