using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using ChildProtection.Core.Contents;
using ChildProtection.Web.Tests;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Search.Tests;

/// <summary>The whole site on SQLite in a fresh folder, set up once per test class, with a signed-in administrator.</summary>
public sealed class SearchSite : IAsyncLifetime
{
    static SearchSite()
    {
        CultureInfo.DefaultThreadCurrentUICulture = new CultureInfo("vi-VN");
        CultureInfo.DefaultThreadCurrentCulture = new CultureInfo("vi-VN");
    }

    public const int SuggestionLimit = 30;
    public SiteFactory Factory { get; } = new();
    public SiteClient Admin { get; private set; } = null!;
    public IServiceProvider Services => Factory.Services;

    public async Task InitializeAsync()
    {
        Factory.Settings["Jobs:RunServer"] = "false";
        Factory.Settings["Search:SuggestionsPerAddressPerMinute"] = SuggestionLimit.ToString(CultureInfo.InvariantCulture);
        Admin = await Factory.SetUpAsync();
    }

    public Task DisposeAsync()
    {
        Admin.Dispose();
        Factory.Dispose();
        return Task.CompletedTask;
    }

    public SiteClient Anonymous() => Factory.CreateSiteClient();

    public async Task<(HttpStatusCode Status, string Html)> GetAsync(string url)
    {
        using var client = Anonymous();
        var response = await client.Http.GetAsync(url);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public static string Search(string query, string? extra = null) => "/tim-kiem?q=" + Uri.EscapeDataString(query) + (extra is null ? "" : "&" + extra);

    public Task<ContentItem> ArticleAsync(string title, string body = "<p>Nội dung</p>", bool publish = true, string[]? topics = null, string? summary = null) =>
        new SearchSiteWriter(Services).ArticleAsync(title, body, publish, topics, summary);

    public Task<ContentItem> ResourceAsync(string title, bool restricted, string body = "<p>Tài liệu</p>") =>
        new SearchSiteWriter(Services).ResourceAsync(title, restricted, body);

    public async Task<ContentItem> ChangeTitleAsync(string id, string title)
    {
        await using var scope = Services.CreateAsyncScope();
        var contents = scope.ServiceProvider.GetRequiredService<IContentManager>();
        var item = (await contents.GetAsync(id, VersionOptions.Latest))!;
        item.Content["TitlePart"] = new JsonObject { ["Title"] = title };
        var result = await contents.SaveAsync(item, new SaveOptions { Publish = true, User = SiteFactory.AdminUser });
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => $"{e.Path}: {e.Format()}")));
        return result.Item!;
    }

    public async Task UnpublishAsync(string id)
    {
        await using var scope = Services.CreateAsyncScope();
        Assert.True(await scope.ServiceProvider.GetRequiredService<IContentManager>().UnpublishAsync(id, SiteFactory.AdminUser));
    }

    public async Task<string> FirstTopicAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        var terms = await scope.ServiceProvider.GetRequiredService<ChildProtection.Core.Parts.ITaxonomyLookup>().GetTermsAsync("topics");
        return terms.First().TermId;
    }
}

/// <summary>Saves items through the real content manager, as the editors' pages do.</summary>
public sealed class SearchSiteWriter(IServiceProvider services)
{
    private IServiceProvider Services => services;

    public Task<ContentItem> ArticleAsync(string title, string body = "<p>Nội dung</p>", bool publish = true, string[]? topics = null, string? summary = null) =>
        SaveAsync("Article", title, body, publish, topics, summary, null);

    public Task<ContentItem> ResourceAsync(string title, bool restricted, string body = "<p>Tài liệu</p>") =>
        SaveAsync("Resource", title, body, true, null, null, part =>
        {
            part["ResourcePart"] = new JsonObject { ["Kind"] = "poster", ["Restricted"] = restricted, ["Files"] = new JsonArray(), ["Audiences"] = new JsonArray(), ["CampaignIds"] = new JsonArray() };
        });

    private async Task<ContentItem> SaveAsync(string type, string title, string body, bool publish, string[]? topics, string? summary, Action<JsonObject>? more)
    {
        await using var scope = Services.CreateAsyncScope();
        var contents = scope.ServiceProvider.GetRequiredService<IContentManager>();
        var item = await contents.NewAsync(type);
        item.Content["TitlePart"] = new JsonObject { ["Title"] = title };
        item.Content["SummaryPart"] = new JsonObject { ["Summary"] = summary ?? "" };
        item.Content["BodyPart"] = new JsonObject { ["Html"] = body };
        item.Content["Topics"] = new JsonObject { ["TermIds"] = new JsonArray((topics ?? []).Select(t => (JsonNode)t).ToArray()) };
        more?.Invoke(item.Content);
        var result = await contents.SaveAsync(item, new SaveOptions { Publish = publish, User = SiteFactory.AdminUser });
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => $"{e.Path}: {e.Format()}")));
        return result.Item!;
    }

}
