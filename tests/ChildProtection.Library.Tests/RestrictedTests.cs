using System.Net;
using ChildProtection.Media;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Library.Tests;

/// <summary>A restricted resource (a collaborators' handbook): the public sees nothing of it; a collaborator sees and downloads it.</summary>
public sealed class RestrictedTests(LibrarySite site) : IClassFixture<LibrarySite>
{
    private IServiceProvider Services => site.Factory.Services;

    [Fact]
    public async Task The_public_sees_nothing_of_a_restricted_resource_and_a_collaborator_sees_and_downloads_it()
    {
        var handbook = TestFiles.Pdf(20, "Cong tac vien");
        var file = await LibrarySeed.StoreAsync(Services, handbook, "Sổ tay cộng tác viên.pdf");
        var cover = await LibrarySeed.StoreAsync(Services, TestFiles.Png(seed: 9), "Bìa sổ tay cộng tác viên.png");
        var campaign = await LibrarySeed.CampaignAsync(Services, "Chiến dịch có tài liệu hạn chế");
        var resource = await LibrarySeed.ResourceAsync(Services, "Sổ tay dành cho cộng tác viên", "handbook", [("Bản in A4 (PDF)", file.Id)],
            topics: ["bao-luc-xam-hai"], audiences: ["collaborators"], campaigns: [campaign.ContentItemId], restricted: true, coverId: cover.Id);
        await using var scope = Services.CreateAsyncScope();
        var media = scope.ServiceProvider.GetRequiredService<IMediaLibrary>();
        Assert.True((await media.GetAsync(file.Id))!.Restricted);
        Assert.True((await media.GetAsync(cover.Id))!.Restricted);

        using var visitor = site.Anonymous();
        // The media library's own public addresses answer 404 for the files of a restricted resource too.
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.Http.GetAsync(media.GetUrl((await media.GetAsync(file.Id))!))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.Http.GetAsync(media.GetUrl((await media.GetAsync(cover.Id))!, MediaDerivative.Card))).StatusCode);
        foreach (var list in new[] { "/thu-vien", "/thu-vien?q=cong+tac+vien", "/thu-vien?doi-tuong=collaborators", $"/thu-vien?chien-dich={campaign.ContentItemId}" })
            Assert.DoesNotContain("Sổ tay dành cho cộng tác viên", await visitor.GetStringAsync(list));
        foreach (var url in new[] { $"/{resource.Path}", $"/{resource.Path}/tai-ve/ban-in-a4-pdf", $"/{resource.Path}/anh-bia/nho", $"/qr/{resource.Path}.png", $"/qr/{resource.Path}.svg", $"/bo-tai-lieu/{campaign.ContentItemId}.zip" })
        {
            var response = await visitor.Http.GetAsync(url);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.DoesNotContain("Sổ tay dành cho cộng tác viên", await response.Content.ReadAsStringAsync());
        }
        // A signed-in school account without the permission is the public too.
        using var school = await SchoolAccounts.SignInAsync(site, "truong-khong-quyen", 77, "SchoolUser");
        Assert.Equal(HttpStatusCode.NotFound, (await school.Http.GetAsync($"/{resource.Path}")).StatusCode);

        using var collaborator = await SchoolAccounts.SignInAsync(site, "cong-tac-vien-1", role: "Collaborator");
        Assert.Contains("Sổ tay dành cho cộng tác viên", await collaborator.GetStringAsync("/thu-vien?doi-tuong=collaborators"));
        var page = await collaborator.Http.GetAsync($"/{resource.Path}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("private", page.Headers.CacheControl!.ToString());
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains($"/{resource.Path}/anh-bia/", html);
        var download = await collaborator.Http.GetAsync($"/{resource.Path}/tai-ve/ban-in-a4-pdf");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(handbook, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.OK, (await collaborator.Http.GetAsync($"/{resource.Path}/anh-bia/nho")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await collaborator.Http.GetAsync($"/qr/{resource.Path}.png")).StatusCode);
    }
}
