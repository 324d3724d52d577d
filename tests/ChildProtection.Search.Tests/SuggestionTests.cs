using System.Net;
using System.Text.Json;
using ChildProtection.Core.Limits;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Search.Tests;

/// <summary><c>/tim-kiem/goi-y</c>: the header box's suggestions as JSON. Tests of one class run one after another, so the shared address counter is reset where it matters.</summary>
public sealed class SuggestionTests(SearchSite site) : IClassFixture<SearchSite>
{
    private const string CounterKey = "suggestions:address:unknown";

    private async Task<(HttpStatusCode Status, JsonElement Json, HttpResponseMessage Response)> SuggestAsync(string query)
    {
        using var client = site.Anonymous();
        var response = await client.Http.GetAsync("/tim-kiem/goi-y?" + query);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        return (response.StatusCode, json, response);
    }

    [Fact]
    public async Task Suggests_published_public_items_by_prefix_at_most_eight()
    {
        await site.Services.GetRequiredService<IRateCounter>().ResetAsync(CounterKey);
        var items = new List<Core.Contents.ContentItem>();
        for (var i = 1; i <= 10; i++) items.Add(await site.ArticleAsync($"Bảo hiểm tê giác số {i}"));
        await site.ArticleAsync("Bảo hiểm tê giác nháp", publish: false);
        await site.ResourceAsync("Bảo hiểm tê giác hạn chế", restricted: true);

        var (status, json, response) = await SuggestAsync("q=" + Uri.EscapeDataString("tê giác bảo hiể"));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
        Assert.Equal(8, json.GetArrayLength());
        var paths = items.Select(i => "/" + i.Path).ToHashSet();
        foreach (var s in json.EnumerateArray())
        {
            Assert.StartsWith("Bảo hiểm tê giác số ", s.GetProperty("title").GetString());
            Assert.Contains(s.GetProperty("url").GetString(), paths);
        }
        var (_, folded, _) = await SuggestAsync("q=" + Uri.EscapeDataString("te giac bao hie"));
        Assert.Equal(8, folded.GetArrayLength());
    }

    [Fact]
    public async Task Suggests_titles_that_hold_the_words_not_items_that_only_mention_them_in_their_text()
    {
        await site.Services.GetRequiredService<IRateCounter>().ResetAsync(CounterKey);
        var titled = await site.ArticleAsync("Linh dương đầu bò qua sông");
        await site.ArticleAsync("Tin vắn tuần này", body: "<p>Chuyện về linh dương đầu bò ở thảo nguyên</p>");

        // A suggestion shows a title: one that does not hold the words would be a puzzling offer (the search page still finds both).
        var (_, json, _) = await SuggestAsync("q=" + Uri.EscapeDataString("đầu bò linh dươ"));
        var suggestion = Assert.Single(json.EnumerateArray());
        Assert.Equal("Linh dương đầu bò qua sông", suggestion.GetProperty("title").GetString());
        Assert.Equal("/" + titled.Path, suggestion.GetProperty("url").GetString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("q=")]
    [InlineData("q=a")]
    [InlineData("q=%20%20")]
    [InlineData("q=***")]
    [InlineData("q=title:*%20AND%20(")]
    [InlineData("q=%ED%A0%80")]
    [InlineData("q=te&q=giac")]
    [InlineData("long")]
    public async Task Anything_else_is_an_empty_list_never_an_error(string query)
    {
        await site.Services.GetRequiredService<IRateCounter>().ResetAsync(CounterKey);
        if (query == "long") query = "q=" + Uri.EscapeDataString(string.Join(" ", Enumerable.Repeat("tê giác", 40)));
        var (status, json, _) = await SuggestAsync(query);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(JsonValueKind.Array, json.ValueKind);
        Assert.Equal(0, json.GetArrayLength());
    }

    [Fact]
    public async Task Too_many_from_one_address_answer_429_in_Vietnamese()
    {
        var counter = site.Services.GetRequiredService<IRateCounter>();
        await counter.ResetAsync(CounterKey);
        try
        {
            for (var i = 0; i < SearchSite.SuggestionLimit; i++)
            {
                Assert.Equal(HttpStatusCode.OK, (await SuggestAsync("q=giac")).Status);
            }
            var (status, json, response) = await SuggestAsync("q=giac");
            Assert.Equal(HttpStatusCode.TooManyRequests, status);
            Assert.Contains("Vui lòng chờ một phút", json.GetProperty("error").GetString());
            Assert.Equal("60", response.Headers.GetValues("Retry-After").Single());
        }
        finally
        {
            await counter.ResetAsync(CounterKey);
        }
    }
}
