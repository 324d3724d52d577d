using System.Net;
using System.Text.Json.Nodes;
using ChildProtection.Core.Contents;
using ChildProtection.Core.Recipes;
using ChildProtection.Media.Admin;
using ChildProtection.Media.Content;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace ChildProtection.Media.Tests;

/// <summary>
/// An image marked as showing identifiable children goes into published content only with a complete
/// consent record (issue 13): refused with a Vietnamese message naming the image, allowed once filled in;
/// the library filters by the mark; the audit trail records every change of it.
/// </summary>
public sealed class ChildConsentTests(MediaSite site) : IClassFixture<MediaSite>
{
    private const string TypesRecipe = """
    {
      "name": "consent-test-types", "displayName": "t", "description": "", "author": "", "version": "1", "issetuprecipe": false,
      "steps": [ { "name": "ContentDefinition",
        "ContentTypes": [ { "Name": "Story", "DisplayName": "Bài", "Settings": { "ContentTypeSettings": { "Creatable": true, "Listable": true, "Draftable": true, "Versionable": true } },
          "ContentTypePartDefinitionRecords": [
            { "PartName": "TitlePart", "Name": "TitlePart", "Settings": {} },
            { "PartName": "MediaPart", "Name": "FeaturedImage", "Settings": {} },
            { "PartName": "BodyPart", "Name": "BodyPart", "Settings": {} } ] } ] } ]
    }
    """;

    private async Task EnsureTypesAsync()
    {
        var (recipe, errors) = RecipeReader.Read(TypesRecipe);
        Assert.Empty(errors);
        var result = await site.Factory.Services.GetRequiredService<RecipeExecutor>().ApplyAsync(recipe!);
        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Format())));
    }

    private async Task<(ContentResult Result, List<string> Messages)> SaveAsync(string id, string? featured, string body, bool publish)
    {
        return await site.WithServicesAsync(async sp =>
        {
            var contents = sp.GetRequiredService<IContentManager>();
            var item = await contents.GetAsync(id, VersionOptions.Latest) ?? new ContentItem { ContentItemId = id, ContentType = "Story" };
            item = item.CloneAsNewVersion();
            item.Content = new JsonObject
            {
                ["TitlePart"] = new JsonObject { ["Title"] = "Ngày hội " + id },
                ["FeaturedImage"] = featured is null ? new JsonObject() : new JsonObject { ["mediaId"] = featured },
                ["BodyPart"] = new JsonObject { ["Html"] = body },
            };
            var result = await contents.SaveAsync(item, new SaveOptions { Publish = publish, User = "quantri" });
            // As the admin's editor shows them: through CoreText, in Vietnamese.
            var C = sp.GetRequiredService<IStringLocalizer<ChildProtection.Core.CoreText>>();
            return (result, result.Errors.Select(e => C[e.Message, e.Args].Value).ToList());
        });
    }

    private Task<HttpResponseMessage> PostConsentAsync(string id, bool shows, string by = "", string relation = "", string date = "", string where = "") =>
        site.Admin.PostFormAsync($"/admin/media/{id}?handler=Consent", new()
        {
            ["showsChildren"] = shows ? "true" : "false",
            ["consentGivenBy"] = by, ["consentRelation"] = relation, ["consentDate"] = date, ["consentFormLocation"] = where,
        }, $"/admin/media/{id}");

    [Fact]
    public async Task Publishing_an_image_of_children_is_refused_until_its_consent_record_is_complete()
    {
        await EnsureTypesAsync();
        var photo = (await site.StoreAsync(TestFiles.Jpeg(300, 200), "Hội thi vẽ tranh.jpg", alt: "Các em vẽ tranh")).File!;
        var inBody = (await site.StoreAsync(TestFiles.Png(80, 60), "Lớp 5A.png", alt: "Lớp 5A")).File!;

        // Unmarked images publish as before.
        Assert.True((await SaveAsync("story1", photo.Id, "", publish: true)).Result.Succeeded);

        Assert.Equal(HttpStatusCode.Redirect, (await PostConsentAsync(photo.Id, shows: true)).StatusCode);
        // A mark saved without its record is kept, and the page says the image is still blocked (not just "saved").
        Assert.Contains("hồ sơ đồng ý chưa đủ", System.Net.WebUtility.HtmlDecode(await site.Admin.GetStringAsync($"/admin/media/{photo.Id}")));
        Assert.Equal(HttpStatusCode.Redirect, (await PostConsentAsync(inBody.Id, shows: true, by: "Nguyễn Thị Hoa", relation: "Mother")).StatusCode);

        // The edit page says what is missing and which published page already shows it.
        var page = await site.Admin.GetStringAsync($"/admin/media/{photo.Id}");
        Assert.Contains("thông tin đồng ý chưa đầy đủ", page);
        Assert.Contains("Ngày hội story1", page);

        var body = $"<p><img src=\"/media/{inBody.Id}/{inBody.StoredName}\" alt=\"Lớp 5A\"></p>";
        var (refused, messages) = await SaveAsync("story2", photo.Id, body, publish: true);
        Assert.False(refused.Succeeded);
        Assert.Equal(2, messages.Count);
        Assert.Contains(messages, m => m.StartsWith("Ảnh Hội thi vẽ tranh.jpg có trẻ em nhận diện được nhưng thông tin đồng ý chưa đầy đủ", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("Ảnh Lớp 5A.png có trẻ em", StringComparison.Ordinal));
        Assert.Null(await site.WithServicesAsync(sp => sp.GetRequiredService<IContentManager>().GetAsync("story2", VersionOptions.Latest)));

        // A draft may be saved; publishing it (the Publish button, an approval, a schedule) is refused the same way.
        Assert.True((await SaveAsync("story2", photo.Id, body, publish: false)).Result.Succeeded);
        var publish = await site.WithServicesAsync(sp => sp.GetRequiredService<IContentManager>().PublishAsync("story2", "quantri"));
        Assert.False(publish.Succeeded);
        Assert.Equal(ChildConsentCheck.Message, publish.Errors[0].Message);
        Assert.Equal(ContentStatus.Draft, await site.WithServicesAsync(sp => sp.GetRequiredService<IContentManager>().GetStatusAsync("story2")));

        // Incomplete or impossible records are refused with a Vietnamese reason, and nothing is changed.
        var future = await PostConsentAsync(photo.Id, shows: true, by: "Trần Văn Nam", relation: "Father", date: DateTime.UtcNow.AddDays(3).ToString("yyyy-MM-dd"), where: "Tủ hồ sơ số 2");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, future.StatusCode);
        Assert.Contains("nằm trong tương lai", await future.Content.ReadAsStringAsync());
        var stranger = await PostConsentAsync(photo.Id, shows: true, by: "Trần Văn Nam", relation: "Neighbour", date: "2026-05-20", where: "Tủ hồ sơ số 2");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, stranger.StatusCode);
        Assert.Null((await site.WithDbAsync(db => db.Media.AsNoTracking().FirstAsync(m => m.Id == photo.Id))).ConsentGivenBy);

        // Filled in: both images may be published.
        Assert.Equal(HttpStatusCode.Redirect, (await PostConsentAsync(photo.Id, shows: true, by: "Trần Văn Nam", relation: "Father", date: "2026-05-20", where: "Tủ hồ sơ bảo vệ trẻ em, phòng VH-TT, bìa 2026")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PostConsentAsync(inBody.Id, shows: true, by: "Nguyễn Thị Hoa", relation: "Mother", date: "20/05/2026", where: "Trường Tiểu học Kim Đồng, văn phòng")).StatusCode);
        var record = await site.WithDbAsync(db => db.Media.AsNoTracking().FirstAsync(m => m.Id == inBody.Id));
        Assert.Equal(new DateOnly(2026, 5, 20), record.ConsentDate);
        Assert.True(record.ConsentComplete);
        var allowed = await site.WithServicesAsync(sp => sp.GetRequiredService<IContentManager>().PublishAsync("story2", "quantri"));
        Assert.True(allowed.Succeeded, string.Join(" ", allowed.Errors.Select(e => e.Format())));
    }

    [Fact]
    public async Task The_library_filters_images_showing_children_and_the_audit_trail_records_consent_changes()
    {
        var marked = (await site.StoreAsync(TestFiles.Jpeg(120, 90), "Trẻ em đọc sách.jpg", alt: "Đọc sách")).File!;
        var plain = (await site.StoreAsync(TestFiles.Jpeg(120, 90), "Hội trường trống.jpg", alt: "Hội trường")).File!;
        Assert.Equal(HttpStatusCode.Redirect, (await PostConsentAsync(marked.Id, shows: true, by: "Lê Thị Mai", relation: "Guardian", date: "2026-04-01", where: "Phòng LĐ-TBXH, tủ 3")).StatusCode);

        var filtered = await site.Admin.GetStringAsync("/admin/media?children=true");
        Assert.Contains("Trẻ em đọc sách.jpg", filtered);
        Assert.DoesNotContain("Hội trường trống.jpg", filtered);
        Assert.Contains("Có trẻ em · đã có đồng ý", filtered);
        var all = await site.Admin.GetStringAsync("/admin/media?all=true");
        Assert.Contains("Hội trường trống.jpg", all);
        // The upload form says what is removed.
        Assert.Contains("Dữ liệu vị trí (GPS)", all);

        // A save without changes records nothing; a change records old → new.
        Assert.Equal(HttpStatusCode.Redirect, (await PostConsentAsync(marked.Id, shows: true, by: "Lê Thị Mai", relation: "Guardian", date: "2026-04-01", where: "Phòng LĐ-TBXH, tủ 3")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PostConsentAsync(marked.Id, shows: true, by: "Lê Thị Mai", relation: "Guardian", date: "2026-04-01", where: "Phòng LĐ-TBXH, tủ 4")).StatusCode);
        var audit = System.Net.WebUtility.HtmlDecode(await site.Admin.GetStringAsync($"/admin/audit?item={marked.Id}"));
        // A row of the audit screen names the action in Vietnamese (the filter's option does not count: no <td>).
        const string consentRow = "<td>Thay đổi đồng ý dùng ảnh trẻ em</td>";
        Assert.Equal(2, CountOf(audit, consentRow));
        Assert.Contains("Trẻ em đọc sách.jpg", audit);
        Assert.Contains("Ảnh có trẻ em nhận diện được: \"không\" → \"có\"", audit);
        Assert.Contains("Người đồng ý: – → \"Lê Thị Mai\"", audit);
        Assert.Contains("Quan hệ với trẻ: – → \"Người giám hộ\"", audit);
        Assert.Contains("Nơi lưu văn bản đồng ý đã ký: \"Phòng LĐ-TBXH, tủ 3\" → \"Phòng LĐ-TBXH, tủ 4\"", audit);
        Assert.Equal(0, CountOf(System.Net.WebUtility.HtmlDecode(await site.Admin.GetStringAsync($"/admin/audit?item={plain.Id}")), consentRow));
    }

    private static int CountOf(string text, string what)
    {
        var count = 0;
        for (var i = text.IndexOf(what, StringComparison.Ordinal); i >= 0; i = text.IndexOf(what, i + what.Length, StringComparison.Ordinal)) count++;
        return count;
    }
}
