using System.Net;
using System.Text.Json.Nodes;
using ChildProtection.Core.Contents;
using ChildProtection.Core.Recipes;
using ChildProtection.Media.Admin;
using ChildProtection.Media.Usage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Media.Tests;

/// <summary>A content type with a featured image (MediaPart) and a media field, the usage table, the delete rule and the setup recipe's posters.</summary>
public sealed class ContentIntegrationTests(MediaSite site) : IClassFixture<MediaSite>
{
    private const string TypesRecipe = """
    {
      "name": "media-test-types", "displayName": "t", "description": "", "author": "", "version": "1", "issetuprecipe": false,
      "steps": [ { "name": "ContentDefinition",
        "ContentTypes": [ { "Name": "Poster", "DisplayName": "Áp phích", "Settings": { "ContentTypeSettings": { "Creatable": true, "Listable": true, "Draftable": true, "Versionable": true } },
          "ContentTypePartDefinitionRecords": [
            { "PartName": "TitlePart", "Name": "TitlePart", "Settings": {} },
            { "PartName": "MediaPart", "Name": "FeaturedImage", "Settings": { "ContentTypePartSettings": { "DisplayName": "Ảnh đại diện" } } },
            { "PartName": "Poster", "Name": "Poster", "Settings": {} },
            { "PartName": "BodyPart", "Name": "BodyPart", "Settings": {} } ] } ],
        "ContentParts": [ { "Name": "Poster", "Settings": {}, "ContentPartFieldDefinitionRecords": [
            { "FieldName": "MediaField", "Name": "Files", "Settings": { "ContentPartFieldSettings": { "DisplayName": "Tệp tải về" } } } ] } ] } ]
    }
    """;

    private async Task EnsureTypesAsync()
    {
        var (recipe, errors) = RecipeReader.Read(TypesRecipe);
        Assert.Empty(errors);
        var result = await site.Factory.Services.GetRequiredService<RecipeExecutor>().ApplyAsync(recipe!);
        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Format())));
    }

    private async Task<ContentResult> SaveAsync(string id, JsonObject content, bool publish)
    {
        await using var scope = site.Factory.Services.CreateAsyncScope();
        var contents = scope.ServiceProvider.GetRequiredService<IContentManager>();
        var item = await contents.GetAsync(id, VersionOptions.Latest) ?? new ContentItem { ContentItemId = id, ContentType = "Poster" };
        item = item.CloneAsNewVersion();
        item.Content = content;
        return await contents.SaveAsync(item, new SaveOptions { Publish = publish, User = "quantri" });
    }

    private static JsonObject Poster(string title, string? featured, string[] files, string? alt = null, string body = "") => new()
    {
        ["TitlePart"] = new JsonObject { ["Title"] = title },
        ["FeaturedImage"] = featured is null ? new JsonObject() : new JsonObject { ["mediaId"] = featured, ["AltText"] = alt },
        ["Poster"] = new JsonObject { ["Files"] = new JsonObject { ["mediaIds"] = new JsonArray(files.Select(f => (JsonNode)f).ToArray()) } },
        ["BodyPart"] = new JsonObject { ["Html"] = body },
    };

    private Task<IReadOnlyList<MediaUser>> UsersAsync(string mediaId) => site.WithServicesAsync(sp => sp.GetRequiredService<MediaUsageQuery>().UsersOfAsync(mediaId));

    [Fact]
    public async Task A_featured_image_and_files_carry_display_data_and_count_as_uses()
    {
        await EnsureTypesAsync();
        var image = (await site.StoreAsync(TestFiles.Jpeg(1600, 900), "anh-dai-dien.jpg", alt: "Trẻ em vui chơi an toàn")).File!;
        var pdf = (await site.StoreAsync(TestFiles.Pdf(12), "Cẩm nang.pdf")).File!;
        var inBody = (await site.StoreAsync(TestFiles.Png(100, 100), "trong-bai.png", alt: "Biểu tượng")).File!;

        var saved = await SaveAsync("poster1", Poster("Áp phích 1", image.Id, [pdf.Id], body: $"<p><img src=\"/media/{inBody.Id}/{inBody.StoredName}\" alt=\"x\"></p>"), publish: true);
        Assert.True(saved.Succeeded, string.Join(" ", saved.Errors.Select(e => e.Format())));

        var featured = saved.Item!.Content["FeaturedImage"]!.AsObject();
        Assert.Equal($"/media/{image.Id}/{image.StoredName}", featured["Url"]!.GetValue<string>());
        Assert.Equal("Trẻ em vui chơi an toàn", featured["Alt"]!.GetValue<string>());
        Assert.Equal(1600, featured["Width"]!.GetValue<int>());
        Assert.Equal(900, featured["Height"]!.GetValue<int>());
        Assert.Contains(" 640w", featured["SrcSet"]!.GetValue<string>());
        Assert.Contains(".webp 1280w", featured["WebpSrcSet"]!.GetValue<string>());
        var file = saved.Item.Content["Poster"]!["Files"]!["Files"]!.AsArray().Single()!.AsObject();
        Assert.Equal(12, file["PageCount"]!.GetValue<int>());
        Assert.Equal("Cẩm nang.pdf", file["Name"]!.GetValue<string>());

        // The page's image addresses all answer.
        foreach (var url in featured["SrcSet"]!.GetValue<string>().Split(", ").Select(s => s.Split(' ')[0]))
            Assert.Equal(HttpStatusCode.OK, (await site.Anonymous.GetAsync(url)).StatusCode);

        var users = await UsersAsync(image.Id);
        Assert.Equal("Áp phích 1", Assert.Single(users).DisplayText);
        Assert.True(users[0].Published);
        Assert.Single(await UsersAsync(pdf.Id));
        Assert.Single(await UsersAsync(inBody.Id));

        // Delete is refused with the list of users.
        var refused = await site.WithServicesAsync(sp => sp.GetRequiredService<MediaAdmin>().DeleteAsync(image.Id));
        Assert.False(refused.Succeeded);
        Assert.Equal("Áp phích 1", Assert.Single(refused.Users!).DisplayText);
        Assert.NotNull(await site.WithLibraryAsync(l => l.GetAsync(image.Id)));

        // A new draft without the image: still used by the published version.
        Assert.True((await SaveAsync("poster1", Poster("Áp phích 1", null, [pdf.Id]), publish: false)).Succeeded);
        Assert.True(Assert.Single(await UsersAsync(image.Id)).Published);
        Assert.True(Assert.Single(await UsersAsync(inBody.Id)).Published);

        // Published without it: no longer used, and the delete goes through (row and files).
        Assert.True((await SaveAsync("poster1", Poster("Áp phích 1", null, [pdf.Id]), publish: true)).Succeeded);
        Assert.Empty(await UsersAsync(image.Id));
        var deleted = await site.WithServicesAsync(sp => sp.GetRequiredService<MediaAdmin>().DeleteAsync(image.Id));
        Assert.True(deleted.Succeeded, deleted.Error);
        Assert.Null(await site.WithLibraryAsync(l => l.GetAsync(image.Id)));
        Assert.False(Directory.Exists(Path.Combine(site.MediaRoot, image.Id[..2], image.Id)));
        Assert.Equal(HttpStatusCode.NotFound, (await site.Anonymous.GetAsync($"/media/{image.Id}/{image.StoredName}")).StatusCode);
    }

    [Fact]
    public async Task An_image_without_alt_text_cannot_be_used()
    {
        await EnsureTypesAsync();
        var bare = (await site.StoreAsync(TestFiles.Jpeg(300, 200), "khong-mo-ta.jpg")).File!;
        var part = await SaveAsync("poster2", Poster("Áp phích 2", bare.Id, []), publish: true);
        Assert.Contains(part.Errors, e => e.Path == "FeaturedImage.AltText");
        var field = await SaveAsync("poster2", Poster("Áp phích 2", null, [bare.Id]), publish: true);
        Assert.Contains(field.Errors, e => e.Path == "Poster.Files.mediaIds");
        Assert.Empty(await UsersAsync(bare.Id));

        // An alt text for this use is enough for the part; described in the library, the field takes it too.
        var withAlt = await SaveAsync("poster2", Poster("Áp phích 2", bare.Id, [], alt: "Áp phích mùa hè"), publish: true);
        Assert.True(withAlt.Succeeded, string.Join(" ", withAlt.Errors.Select(e => e.Format())));
        Assert.Equal("Áp phích mùa hè", withAlt.Item!.Content["FeaturedImage"]!["Alt"]!.GetValue<string>());
        await site.WithServicesAsync(sp => sp.GetRequiredService<MediaAdmin>().DescribeAsync(bare.Id, "Bãi biển mùa hè", null, null));
        Assert.True((await SaveAsync("poster2", Poster("Áp phích 2", bare.Id, [bare.Id], alt: "Áp phích mùa hè"), publish: true)).Succeeded);

        var missing = await SaveAsync("poster3", Poster("Áp phích 3", "0000000000000000000000000z", []), publish: false);
        Assert.Contains(missing.Errors, e => e.Path == "FeaturedImage.mediaId");
    }

    [Fact]
    public async Task An_item_in_the_recycle_bin_does_not_stop_a_delete()
    {
        await EnsureTypesAsync();
        var image = (await site.StoreAsync(TestFiles.Jpeg(300, 200), "thung-rac.jpg", alt: "Ảnh")).File!;
        Assert.True((await SaveAsync("poster4", Poster("Áp phích 4", image.Id, []), publish: true)).Succeeded);
        await site.WithServicesAsync(sp => sp.GetRequiredService<IContentManager>().RemoveAsync("poster4", "quantri"));
        var users = await UsersAsync(image.Id);
        Assert.True(Assert.Single(users).InRecycleBin);
        Assert.True((await site.WithServicesAsync(sp => sp.GetRequiredService<MediaAdmin>().DeleteAsync(image.Id))).Succeeded);
    }

    [Fact]
    public async Task The_setup_recipe_imports_its_sample_posters_once()
    {
        var posters = await site.WithDbAsync(db => db.Media.AsNoTracking().Where(m => m.Folder == "ap-phich/mau").OrderBy(m => m.OriginalName).ToListAsync());
        Assert.Equal(3, posters.Count);
        Assert.All(posters, p => Assert.False(string.IsNullOrEmpty(p.AltText)));
        Assert.Contains(posters, p => p.OriginalName == "Áp phích Tổng đài 111.png" && p.Id == "ca26bk455s0krz86fknjbpn6v4");
        Assert.All(posters, p => Assert.True(p.DerivativesReady));
        var response = await site.Anonymous.GetAsync("/media/j8wcfe54whgj5txh9yj9yvf01r/640/x.webp");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        // Again: nothing changes.
        var catalog = site.Factory.Services.GetRequiredService<RecipeCatalog>();
        var recipe = await catalog.FindAsync("childprotection");
        var result = await site.Factory.Services.GetRequiredService<RecipeExecutor>().ApplyAsync(recipe!);
        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Format())));
        Assert.Equal(3, await site.WithDbAsync(db => db.Media.CountAsync(m => m.Folder == "ap-phich/mau")));
    }
}
