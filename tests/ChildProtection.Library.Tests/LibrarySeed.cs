using System.Text.Json.Nodes;
using ChildProtection.Core.Contents;
using ChildProtection.Media;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Library.Tests;

/// <summary>Creates files and resources through the real services, as the editor page does.</summary>
public static class LibrarySeed
{
    public static async Task<MediaFile> StoreAsync(IServiceProvider services, byte[] bytes, string name)
    {
        await using var scope = services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<IMediaLibrary>().StoreAsync(new MediaUpload { Content = new MemoryStream(bytes), OriginalName = name, Folder = "thu-vien", AltText = "Ảnh áp phích" });
        Assert.True(result.Succeeded, string.Join(" ", result.Errors));
        return result.File!;
    }

    public static async Task<ContentItem> ResourceAsync(IServiceProvider services, string title, string kind = "poster",
        IEnumerable<(string Label, string MediaId)>? files = null, string[]? topics = null, string[]? audiences = null, string[]? campaigns = null,
        bool restricted = false, string? coverId = null, bool publish = true, string? summary = null)
    {
        await using var scope = services.CreateAsyncScope();
        var contents = scope.ServiceProvider.GetRequiredService<IContentManager>();
        var item = await contents.NewAsync("Resource");
        item.GetOrCreatePart("TitlePart")["Title"] = title;
        if (summary is not null) item.GetOrCreatePart("SummaryPart")["Summary"] = summary;
        item.GetOrCreatePart("Topics")["TermIds"] = Array(topics ?? []);
        var part = item.GetOrCreatePart("ResourcePart");
        part["Kind"] = kind;
        part["Audiences"] = Array(audiences ?? []);
        part["CampaignIds"] = Array(campaigns ?? []);
        part["Restricted"] = restricted;
        part["Files"] = new JsonArray((files ?? []).Select(f => (JsonNode)new JsonObject { ["Label"] = f.Label, ["mediaId"] = f.MediaId }).ToArray());
        if (coverId is not null) part["Cover"] = new JsonObject { ["mediaId"] = coverId };
        var result = await contents.SaveAsync(item, new SaveOptions { Publish = publish, User = "quantri" });
        Assert.True(result.Succeeded, string.Join(" | ", result.Errors.Select(e => $"{e.Path}: {e.Format()}")));
        return result.Item!;
    }

    public static async Task<ContentItem> CampaignAsync(IServiceProvider services, string title)
    {
        await using var scope = services.CreateAsyncScope();
        var contents = scope.ServiceProvider.GetRequiredService<IContentManager>();
        var item = await contents.NewAsync("Campaign");
        item.GetOrCreatePart("TitlePart")["Title"] = title;
        var part = item.GetOrCreatePart("CampaignPart");
        part["StartDate"] = "2025-06-01";
        part["EndDate"] = "2025-06-30";
        var result = await contents.SaveAsync(item, new SaveOptions { Publish = true, User = "quantri" });
        Assert.True(result.Succeeded, string.Join(" | ", result.Errors.Select(e => $"{e.Path}: {e.Format()}")));
        return result.Item!;
    }

    private static JsonArray Array(IEnumerable<string> values) => new(values.Select(v => (JsonNode)JsonValue.Create(v)!).ToArray());
}
