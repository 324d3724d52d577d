using ChildProtection.Themes.Public;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using ChildProtection.Core.Contents;
using ChildProtection.Core.Routing;
using ChildProtection.Core.Settings;
using ChildProtection.Library.Downloads;
using ChildProtection.Library.Parts;
using ChildProtection.Library.Public;
using ChildProtection.Media;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

namespace ChildProtection.Library.Packs;

/// <summary>One file of a pack: where it comes from and what the contents file says about it.</summary>
internal sealed record PackFile(string ResourceId, string EntryName, string ResourceTitle, string ResourcePath, string Label, string UsageNote, MediaFile File, MediaContent Content);

/// <summary>
/// <c>/bo-tai-lieu/{campaignId}.zip</c>: every public file of a campaign's public resources in one ZIP,
/// written straight into the response as it is read (create mode over the response body, each file copied
/// through a small buffer), so memory stays flat however big the pack. A contents file (Vietnamese,
/// UTF-8) comes first and lists each file. Restricted resources are never included.
/// </summary>
internal static class CampaignPack
{
    public const string ContentsName = "Mục lục.txt";

    public static async Task SendAsync(HttpContext http, string file)
    {
        var services = http.RequestServices;
        var ct = http.RequestAborted;
        var id = file.EndsWith(".zip", StringComparison.OrdinalIgnoreCase) ? file[..^4] : "";
        var campaign = id.Length is > 0 and <= 26 && id.All(char.IsAsciiLetterOrDigit)
            ? await services.GetRequiredService<IContentManager>().GetAsync(id, VersionOptions.Published, ct)
            : null;
        if (campaign is null || campaign.ContentType != "Campaign")
        {
            await ThemedPage.NotFoundAsync(http);
            return;
        }
        var files = await CollectAsync(services, campaign.ContentItemId, ct);
        if (files.Count == 0)
        {
            await ThemedPage.NotFoundAsync(http);
            return;
        }

        var settings = await services.GetRequiredService<ISiteSettingsService>().GetAsync(ct);
        var baseUrl = Themes.Public.PageViews.BaseUrl(settings, http.Request);
        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName($"{ZipEntryNames.Part(campaign.DisplayText, "Chiến dịch")} – bộ tài liệu.zip");
        http.Response.ContentType = "application/zip";
        http.Response.Headers.ContentDisposition = disposition.ToString();
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        if (HttpMethods.IsHead(http.Request.Method)) return;
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

        try
        {
            await WriteAsync(http.Response.Body, campaign, files, baseUrl, SiteTime.From(settings), ct);
        }
        catch (Exception ex) when (ct.IsCancellationRequested && ex is OperationCanceledException or IOException)
        {
            // The visitor went away mid-pack: nothing to undo, nothing to count.
            return;
        }
        catch (Exception ex)
        {
            // Headers are gone already; the client sees a cut archive. Say why in the log.
            services.GetRequiredService<ILogger<PackFile>>().LogError(ex, "The material pack of campaign {Campaign} failed while streaming", campaign.ContentItemId);
            http.Abort();
            return;
        }
        var counter = services.GetRequiredService<DownloadCounter>();
        var organisation = LibraryAccess.OrganisationOf(http.User);
        // A pack counts as one download of each resource in it: the school received every one of them.
        foreach (var resourceId in files.Select(f => f.ResourceId).Distinct())
            counter.Record(resourceId, organisation, DateTime.UtcNow);
    }

    /// <summary>The archive itself: the contents file, then each file copied through an 80 KB buffer.</summary>
    /// <returns>The most bytes ever held in memory by the writer (headers between file data).</returns>
    internal static async Task<long> WriteAsync(Stream output, ContentItem campaign, IReadOnlyList<PackFile> files, string baseUrl, SiteTime time, CancellationToken ct)
    {
        var body = new DeferredSyncWriteStream(output);
        await WriteEntriesAsync(body, campaign, files, baseUrl, time, ct);
        await body.FlushAsync(ct);
        return body.MaxPending;
    }

    private static async Task WriteEntriesAsync(Stream output, ContentItem campaign, IReadOnlyList<PackFile> files, string baseUrl, SiteTime time, CancellationToken ct)
    {
        // entryNameEncoding null: names with Vietnamese letters are written as UTF-8 with the language flag set.
        await using var zip = await ZipArchive.CreateAsync(output, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, ct);
        var contents = zip.CreateEntry(ContentsName, CompressionLevel.Optimal);
        contents.LastWriteTime = DateTimeOffset.UtcNow;
        await using (var stream = await contents.OpenAsync(ct))
        {
            var text = ContentsText(campaign, files, baseUrl, time);
            var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text)).ToArray();
            await stream.WriteAsync(bytes, ct);
        }
        foreach (var file in files)
        {
            // PDFs, images and Office files are compressed already: store them, spend no CPU on deflate.
            var entry = zip.CreateEntry(file.EntryName, file.File.IsImage || file.File.Kind != MediaKind.Svg ? CompressionLevel.NoCompression : CompressionLevel.Fastest);
            entry.LastWriteTime = file.Content.LastModified;
            await using var target = await entry.OpenAsync(ct);
            await using var source = file.Content.OpenRead();
            await source.CopyToAsync(target, 81920, ct);
        }
    }

    internal static string ContentsText(ContentItem campaign, IReadOnlyList<PackFile> files, string baseUrl, SiteTime time)
    {
        var vi = CultureInfo.GetCultureInfo("vi-VN");
        var sb = new StringBuilder();
        sb.Append("BỘ TÀI LIỆU TRUYỀN THÔNG\r\n");
        sb.Append($"Chiến dịch: {campaign.DisplayText}\r\n");
        if (!string.IsNullOrEmpty(campaign.Path)) sb.Append($"Trang chiến dịch: {baseUrl}/{campaign.Path}\r\n");
        sb.Append($"Tải về lúc: {time.Format(DateTime.UtcNow)}\r\n");
        sb.Append($"Số tệp: {files.Count.ToString(vi)} (tổng {FileFacts.Size(files.Sum(f => f.File.Length))})\r\n");
        sb.Append("\r\n");
        for (var i = 0; i < files.Count; i++)
        {
            var f = files[i];
            sb.Append($"{i + 1}. {f.EntryName}\r\n");
            sb.Append($"   Tài liệu: {f.ResourceTitle} – {f.Label}\r\n");
            sb.Append($"   Định dạng: {FileFacts.Describe(f.File)}\r\n");
            sb.Append($"   Tên tệp gốc: {f.File.OriginalName}\r\n");
            if (f.ResourcePath.Length > 0) sb.Append($"   Trang tài liệu: {baseUrl}/{f.ResourcePath}\r\n");
            sb.Append($"   Cách sử dụng: {f.UsageNote}\r\n");
            sb.Append("\r\n");
        }
        sb.Append("Cần giúp đỡ? Gọi 111 – Tổng đài điện thoại quốc gia bảo vệ trẻ em (miễn phí, 24/7).\r\n");
        return sb.ToString();
    }

    /// <summary>
    /// Whether the campaign's pack holds a file: the library's pages link to a pack only then, since the
    /// pack of a campaign whose resources have no public file answers 404. The same collection as the pack
    /// itself, so a link is shown exactly when its target answers 200.
    /// </summary>
    internal static async Task<bool> HasFilesAsync(IServiceProvider services, string campaignId, CancellationToken ct) =>
        (await CollectAsync(services, campaignId, ct)).Count > 0;

    /// <summary>The files of the campaign's public resources, resolved and named, before a byte is sent.</summary>
    internal static async Task<List<PackFile>> CollectAsync(IServiceProvider services, string campaignId, CancellationToken ct)
    {
        var contents = services.GetRequiredService<IContentManager>();
        var media = services.GetRequiredService<IMediaLibrary>();
        var entries = await services.GetRequiredService<LibraryCatalog>().PublicOfCampaignAsync(campaignId, ct);
        var names = new ZipEntryNames();
        names.Reserve(ContentsName);
        var list = new List<PackFile>();
        foreach (var entry in entries)
        {
            var item = await contents.GetAsync(entry.ContentItemId, VersionOptions.Published, ct);
            if (item is null || item.ContentType != ResourceData.TypeName) continue;
            var data = ResourceData.From(item);
            if (data.Restricted) continue;
            var found = await media.GetManyAsync(data.Files.Select(f => f.MediaId), ct);
            foreach (var variant in data.Files)
            {
                if (!found.TryGetValue(variant.MediaId, out var mediaFile) || mediaFile.Restricted) continue;
                var content = await media.OpenAsync(variant.MediaId, MediaDerivative.Original, ct);
                if (content is null) continue;
                var ext = Path.GetExtension(mediaFile.OriginalName);
                var entryName = names.Unique(item.DisplayText, variant.Label + (ext.Length is > 0 and <= 10 ? ext.ToLowerInvariant() : ""));
                list.Add(new PackFile(item.ContentItemId, entryName, item.DisplayText, item.Path ?? "", variant.Label, data.UsageNote, mediaFile, content));
            }
        }
        return list;
    }
}
