using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Xunit;

namespace ChildProtection.Web.Tests;

public sealed partial class ContentApiTests(SetUpSite site) : IClassFixture<SetUpSite>
{
    [GeneratedRegex("id=\"new-token\">([^<]+)<")]
    private static partial Regex NewToken();

    private async Task<HttpClient> TokenClientAsync()
    {
        var response = await site.Admin.PostFormAsync("/admin/api-tokens?handler=Create", new()
        {
            ["Name"] = "Nhập tin tự động " + Guid.NewGuid().ToString("N")[..6],
            ["Scope"] = "WriteContent",
        }, formPage: "/admin/api-tokens");
        var html = await response.Content.ReadAsStringAsync();
        var token = NewToken().Match(html);
        Assert.True(token.Success, "the new token is shown once after creating it");
        var client = site.Factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", WebUtility.HtmlDecode(token.Groups[1].Value).Trim());
        return client;
    }

    [Fact]
    public async Task Anonymous_readers_get_published_items_and_pages_of_a_type()
    {
        using var anonymous = site.Factory.CreateClient();
        var item = JsonNode.Parse(await anonymous.GetStringAsync("/api/content/article2869"))!;
        Assert.Equal("Article", item["ContentType"]!.GetValue<string>());
        Assert.Equal("2869/UBND-LĐTBXH", item["OfficialDocumentPart"]!["NumberAndSymbol"]!.GetValue<string>());

        var list = JsonNode.Parse(await anonymous.GetStringAsync("/api/content?type=Article&page=1&pageSize=1"))!;
        Assert.Equal(1, list["items"]!.AsArray().Count);
        Assert.True(list["totalCount"]!.GetValue<int>() >= 2);
        Assert.Equal(HttpStatusCode.BadRequest, (await anonymous.GetAsync("/api/content?type=NoSuchType")).StatusCode);
    }

    [Fact]
    public async Task A_token_creates_publishes_reads_and_deletes_an_item()
    {
        using var api = await TokenClientAsync();
        var body = new JsonObject
        {
            ["ContentType"] = "Article",
            ["Published"] = true,
            ["TitlePart"] = new JsonObject { ["Title"] = "Tin qua API: an toàn giao thông" },
            ["SummaryPart"] = new JsonObject { ["Summary"] = "Đội mũ bảo hiểm cho trẻ." },
            ["Topics"] = new JsonObject { ["TermIds"] = new JsonArray("an-toan-giao-thong") },
        };
        var created = await api.PostAsync("/api/content", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var item = JsonNode.Parse(await created.Content.ReadAsStringAsync())!;
        var id = item["ContentItemId"]!.GetValue<string>();

        using var anonymous = site.Factory.CreateClient();
        var read = JsonNode.Parse(await anonymous.GetStringAsync($"/api/content/{id}"))!;
        Assert.Equal("Tin qua API: an toàn giao thông", read["TitlePart"]!["Title"]!.GetValue<string>());
        Assert.Equal("tin-tuc/tin-qua-api-an-toan-giao-thong", read["RoutePart"]!["Path"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"/api/content/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/content/{id}")).StatusCode);
    }

    [Fact]
    public async Task Invalid_items_are_refused_with_paths_and_vietnamese_messages()
    {
        using var api = await TokenClientAsync();
        var response = await api.PostAsync("/api/content", new StringContent(
            "{\"ContentType\":\"Article\",\"TitlePart\":{\"Title\":\"  \"},\"Topics\":{\"TermIds\":[\"khong-co\"]},\"NoSuchPart\":{}}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var errors = problem["errors"]!.AsObject();
        Assert.Contains("TitlePart.Title", errors.Select(e => e.Key));
        Assert.Contains("Topics.TermIds", errors.Select(e => e.Key));
        Assert.Contains("NoSuchPart", errors.Select(e => e.Key));
        Assert.Equal("Cần nhập tiêu đề.", errors["TitlePart.Title"]![0]!.GetValue<string>());

        var badJson = await api.PostAsync("/api/content", new StringContent("{\"ContentType\": ", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, badJson.StatusCode);
    }

    [Fact]
    public async Task A_revoked_or_unknown_token_is_refused()
    {
        using var client = site.Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "cp_not-a-real-token");
        var response = await client.PostAsync("/api/content", new StringContent("{\"ContentType\":\"Page\"}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_content_api()
    {
        using var anonymous = site.Factory.CreateClient();
        var doc = JsonNode.Parse(await anonymous.GetStringAsync("/openapi/v1.json"))!;
        var paths = doc["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Contains("/api/content/{id}", paths);
        Assert.Contains("/api/content", paths);
    }
}
