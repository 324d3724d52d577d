using System.Globalization;
using System.Net;
using ChildProtection.Core.Contents;
using ChildProtection.Web.Tests;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Articles.Tests;

/// <summary>A set-up site (the setup recipe's sample articles included) with a signed-in administrator and an anonymous client.</summary>
public class ArticlesSite : IAsyncLifetime
{
    public SiteFactory Factory { get; } = new();
    public SiteClient Admin { get; private set; } = null!;
    public HttpClient Anonymous { get; private set; } = null!;

    public virtual async Task InitializeAsync()
    {
        Admin = await Factory.SetUpAsync();
        Anonymous = Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
    }

    /// <summary>Publishes an article through the content manager (the admin form's own path, without the form).</summary>
    public async Task<ContentItem> PublishArticleAsync(string title, string[] topics, DateTime? publishedUtc = null, string? summary = null, string? body = null)
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("vi-VN");
        await using var scope = Factory.Services.CreateAsyncScope();
        var contents = scope.ServiceProvider.GetRequiredService<IContentManager>();
        var item = await contents.NewAsync("Article");
        item.Content["TitlePart"] = new System.Text.Json.Nodes.JsonObject { ["Title"] = title };
        item.Content["SummaryPart"] = new System.Text.Json.Nodes.JsonObject { ["Summary"] = summary ?? $"Tóm tắt: {title}" };
        item.Content["BodyPart"] = new System.Text.Json.Nodes.JsonObject { ["Html"] = body ?? "<p>Nội dung</p>" };
        item.Content["Topics"] = new System.Text.Json.Nodes.JsonObject { ["TermIds"] = new System.Text.Json.Nodes.JsonArray(topics.Select(t => (System.Text.Json.Nodes.JsonNode)t).ToArray()) };
        if (publishedUtc is not null) item.PublishedUtc = publishedUtc;
        var result = await contents.SaveAsync(item, new SaveOptions { Publish = true, User = SiteFactory.AdminUser, KeepDates = publishedUtc is not null });
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => $"{e.Path}: {e.Format()}")));
        return result.Item!;
    }

    public async Task<(HttpStatusCode Status, string Body)> GetAsync(string url)
    {
        var response = await Anonymous.GetAsync(url);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public virtual Task DisposeAsync()
    {
        Admin.Dispose();
        Anonymous.Dispose();
        Factory.Dispose();
        return Task.CompletedTask;
    }
}
