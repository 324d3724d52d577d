using System.Net;
using ChildProtection.Search.Indexing;
using ChildProtection.Web.Hosting;
using ChildProtection.Web.Tests;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Search.Tests;

public sealed class AdminRebuildTests(SearchSite site) : IClassFixture<SearchSite>
{
    [Fact]
    public async Task The_admin_rebuilds_an_index_that_lost_an_item()
    {
        var item = await site.ArticleAsync("Hội thảo chim cánh cụt");
        var index = site.Services.GetRequiredService<SearchIndex>();
        // The index loses the item behind the site's back (a crash, a copied folder).
        index.Delete(item.ContentItemId);
        index.Commit();
        Assert.Contains("Không tìm thấy", (await site.GetAsync(SearchSite.Search("chim canh cut"))).Html);

        var page = await site.Admin.GetStringAsync("/admin/search");
        Assert.Contains("Chỉ mục tìm kiếm", page);
        Assert.Contains("data-confirm=\"Xây lại toàn bộ chỉ mục tìm kiếm?", page);
        var response = await site.Admin.PostFormAsync("/admin/search?handler=Rebuild", new(), "/admin/search");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (site.Services.GetRequiredService<IndexRebuild>().Status.Running && DateTime.UtcNow < deadline) await Task.Delay(100);
        var after = await site.Admin.GetStringAsync("/admin/search?started=1");
        Assert.Contains("Xong lúc", after);
        Assert.Contains($"href=\"/{item.Path}\"", (await site.GetAsync(SearchSite.Search("chim canh cut"))).Html);
    }

    [Fact]
    public async Task Only_those_allowed_see_the_admin_page()
    {
        using var anonymous = site.Anonymous();
        var response = await anonymous.Http.GetAsync("/admin/search");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/login", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task The_command_line_refuses_while_the_site_holds_the_index()
    {
        Assert.Equal(1, await SearchCommand.RunAsync(["search", "rebuild", $"--App:DataPath={site.Factory.DataPath}", "--Jobs:RunServer=false"]));
        Assert.Equal(2, await SearchCommand.RunAsync(["search"]));
    }
}

public sealed class StartupAndCommandTests
{
    private static async Task<bool> FoundAsync(SiteFactory factory, string query, string path, int seconds = 30)
    {
        using var client = factory.CreateSiteClient();
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var html = await client.GetStringAsync(SearchSite.Search(query));
            if (html.Contains($"href=\"/{path}\"")) return true;
            if (DateTime.UtcNow > deadline) return false;
            await Task.Delay(200);
        }
    }

    [Fact]
    public async Task A_corrupt_index_is_rebuilt_in_the_background_at_start_up_and_the_command_line_rebuilds_it_too()
    {
        using var folder = new TempFolder("cp-search-site");
        string path;
        using (var first = new SiteFactory())
        {
            first.Settings["App:DataPath"] = folder.Path;
            first.Settings["Jobs:RunServer"] = "false";
            using var admin = await first.SetUpAsync();
            await using var scope = first.Services.CreateAsyncScope();
            var site = new SearchSiteWriter(scope.ServiceProvider);
            path = (await site.ArticleAsync("Ngày hội rùa biển")).Path!;
            Assert.True(await FoundAsync(first, "rua bien", path, 5));
        }

        var index = Path.Combine(folder.Path, SearchIndex.FolderName);
        foreach (var file in Directory.GetFiles(index)) File.WriteAllBytes(file, new byte[64]);

        using (var second = new SiteFactory())
        {
            second.Settings["App:DataPath"] = folder.Path;
            second.Settings["Jobs:RunServer"] = "false";
            using var client = second.CreateSiteClient();
            // The site answers at once, while the index is rebuilt behind it.
            Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/tim-kiem?q=rua")).StatusCode);
            Assert.True(await FoundAsync(second, "rùa biển", path));
        }

        // Stopped site: the command line rebuilds a deleted index.
        Directory.Delete(index, recursive: true);
        Assert.Equal(0, await SearchCommand.RunAsync(["search", "rebuild", $"--App:DataPath={folder.Path}", "--Jobs:RunServer=false"]));
        Assert.True(Directory.GetFiles(index).Length > 0);
        using var third = new SiteFactory();
        third.Settings["App:DataPath"] = folder.Path;
        third.Settings["Jobs:RunServer"] = "false";
        Assert.True(await FoundAsync(third, "RÙA BIỂN", path, 5));
        // The command's rebuild committed the change log position with the documents: the site catches up from it, it does not rebuild again.
        Assert.Null(third.Services.GetRequiredService<IndexRebuild>().Status.StartedBy);
    }
}
