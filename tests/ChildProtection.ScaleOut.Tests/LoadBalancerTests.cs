using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using ChildProtection.Web.Tests;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.PixelFormats;
using Xunit.Abstractions;

namespace ChildProtection.ScaleOut.Tests;

/// <summary>
/// Two nodes behind HAProxy behave as one site: a file uploaded through one node is served by the other
/// (and still once the first is stopped), a publication on one is found by search on the other, and a
/// per-address limit is the site's, not each node's — and cannot be dodged with a made-up X-Forwarded-For.
/// </summary>
[Collection(TwoNodeCollection.Name)]
public sealed class LoadBalancerTests(TwoNodeSite site, ITestOutputHelper output)
{
    [ClusterFact]
    public async Task Sixty_registrations_alternating_between_the_nodes_pass_and_the_sixty_first_is_refused_even_with_a_forged_forwarded_address()
    {
        await site.BothUpAsync();
        var path = await PublishEventAsync();
        using var onA = TwoNodeSite.Visitor(site.A.BaseAddress);
        using var onB = TwoNodeSite.Visitor(site.B.BaseAddress);
        for (var i = 1; i <= 60; i++)
        {
            var response = await RegisterAsync(i % 2 == 1 ? onA : onB, path, i);
            Assert.True(response.StatusCode == HttpStatusCode.SeeOther,
                $"Registration {i} (node {(i % 2 == 1 ? "A" : "B")}) answered {(int)response.StatusCode}: {Excerpt(await response.Content.ReadAsStringAsync())}");
        }

        // The 61st, through HAProxy, claiming to come from somewhere else: HAProxy adds the real address
        // last and the node reads only that one, so the hour's allowance for this address is used up.
        using var forged = TwoNodeSite.Visitor(site.Frontend);
        forged.Http.DefaultRequestHeaders.Add("X-Forwarded-For", "198.51.100.23");
        var refused = await RegisterAsync(forged, path, 61);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("Có nhiều đăng ký cho sự kiện này được gửi từ đây", await refused.Content.ReadAsStringAsync());

        // Another visitor (another loopback address) through HAProxy is its own address to the node, not
        // HAProxy's: it registers.
        using var other = VisitorFrom(IPAddress.Parse("127.0.0.2"), site.Frontend);
        var accepted = await RegisterAsync(other, path, 62);
        Assert.Equal(HttpStatusCode.SeeOther, accepted.StatusCode);

        Assert.Equal(61, await site.ScalarAsync<int>(
            $"SELECT count(*) FROM \"EventRegistrations\" r JOIN \"EventEntries\" e ON e.\"ContentItemId\" = r.\"EventId\" WHERE e.\"Path\" = '{path}'"));
    }

    [ClusterFact]
    public async Task A_page_published_on_node_A_is_found_by_search_on_node_B_and_gone_after_it_is_unpublished()
    {
        await site.BothUpAsync();
        var word = "cumtim" + Random.Shared.Next(100_000, 999_999).ToString(CultureInfo.InvariantCulture);
        using var admin = site.Admin(site.A);
        var created = await admin.PostFormAsync("/admin/content/new/Page?handler=Publish", new()
        {
            ["TitlePart.Title"] = $"Đường dây nóng {word}",
            ["RoutePart.Path"] = word,
            ["BodyPart.Html"] = $"<p>Số điện thoại tư vấn {word} cho trẻ em.</p>",
        }, formPage: "/admin/content/new/Page");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var editUrl = created.Headers.Location!.OriginalString;

        using var visitorB = TwoNodeSite.Visitor(site.B.BaseAddress);
        // The result's link, not its title: the page highlights the words searched for (<mark>) inside the title.
        var result = $"href=\"/{word}\"";
        var found = await UntilAsync(async () => (await visitorB.GetStringAsync("/tim-kiem?q=" + word)).Contains(result));
        output.WriteLine($"found on node B after {found.TotalMilliseconds:0} ms");
        Assert.True(found >= TimeSpan.Zero, "The page published on node A was never found by search on node B.");

        var unpublished = await admin.PostFormAsync(editUrl + "?handler=Unpublish", new(), formPage: editUrl);
        Assert.True(unpublished.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.OK, $"Unpublishing answered {(int)unpublished.StatusCode}");
        var gone = await UntilAsync(async () => !(await visitorB.GetStringAsync("/tim-kiem?q=" + word)).Contains(result));
        output.WriteLine($"gone on node B after {gone.TotalMilliseconds:0} ms");
        Assert.True(gone >= TimeSpan.Zero, "The page unpublished on node A was still found by search on node B.");
    }

    [ClusterFact]
    public async Task A_file_uploaded_through_node_A_downloads_byte_identical_through_node_B_and_HAProxy_also_after_node_A_is_stopped()
    {
        await site.BothUpAsync();
        var jpeg = Jpeg(1600, 1000);
        using var adminA = site.Admin(site.A);
        var page = await adminA.GetStringAsync("/admin/media");
        var form = new MultipartFormDataContent
        {
            { new StringContent(SiteClient.TokenIn(page) ?? throw new InvalidOperationException("No token on /admin/media")), "__RequestVerificationToken" },
            { new StringContent("cum-may-chu"), "folder" },
        };
        var file = new ByteArrayContent(jpeg);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "files", "Áp phích đường dây nóng.jpg");
        using var upload = new HttpRequestMessage(HttpMethod.Post, "/admin/media?handler=Upload") { Content = form };
        upload.Headers.Accept.ParseAdd("application/json");
        var uploaded = await adminA.Http.SendAsync(upload);
        var body = await uploaded.Content.ReadAsStringAsync();
        Assert.True(uploaded.StatusCode == HttpStatusCode.OK, $"Upload answered {(int)uploaded.StatusCode}: {Excerpt(body)}");
        using var json = JsonDocument.Parse(body);
        var stored = json.RootElement.GetProperty("stored")[0];
        var id = stored.GetProperty("id").GetString()!;
        var original = stored.GetProperty("url").GetString()!;
        var thumbnail = stored.GetProperty("thumbnail").GetString()!;
        var card = thumbnail.Replace("/320/", "/640/", StringComparison.Ordinal);
        string[] urls = [original, thumbnail, card];

        using var visitorA = TwoNodeSite.Visitor(site.A.BaseAddress);
        using var visitorB = TwoNodeSite.Visitor(site.B.BaseAddress);
        using var visitorLb = TwoNodeSite.Visitor(site.Frontend);
        // The public copies are made in the background: node A serves them first.
        var expected = new Dictionary<string, byte[]>();
        foreach (var url in urls) expected[url] = await ReadyBytesAsync(visitorA, url);

        async Task AllServedAsync(SiteClient client, string where)
        {
            foreach (var url in urls)
            {
                var response = await client.Http.GetAsync(url);
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{where} answered {(int)response.StatusCode} for {url}");
                Assert.True(Same(expected[url], await response.Content.ReadAsByteArrayAsync()), $"{where} served other bytes for {url}");
            }
            using var range = new HttpRequestMessage(HttpMethod.Get, original);
            range.Headers.Range = new RangeHeaderValue(100, 1099);
            var partial = await client.Http.SendAsync(range);
            Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
            Assert.True(Same(expected[original][100..1100], await partial.Content.ReadAsByteArrayAsync()), $"{where} served another range");
        }
        await AllServedAsync(visitorB, "node B");
        await AllServedAsync(visitorLb, "HAProxy");
        // Staff download the untouched upload from the other node too.
        using (var adminB = site.Admin(site.B))
        {
            var untouched = await adminB.Http.GetAsync($"/admin/media/{id}?handler=Original");
            Assert.Equal(HttpStatusCode.OK, untouched.StatusCode);
            Assert.True(Same(jpeg, await untouched.Content.ReadAsByteArrayAsync()), "node B served other bytes for the uploaded original");
        }

        await site.A.StopAsync();
        await TwoNodeSite.WaitForBalancerAsync(up: 1);
        await AllServedAsync(visitorB, "node B with node A stopped");
        await AllServedAsync(visitorLb, "HAProxy with node A stopped");
    }

    private async Task<string> PublishEventAsync()
    {
        var number = Random.Shared.Next(100_000, 999_999).ToString(CultureInfo.InvariantCulture);
        var start = DateTime.UtcNow.AddDays(40).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        using var admin = site.Admin(site.A);
        var created = await admin.PostFormAsync("/admin/content/new/Event?handler=Publish", new()
        {
            ["TitlePart.Title"] = $"Tập huấn cụm máy chủ {number}",
            ["RoutePart.Path"] = "",
            ["SummaryPart.Summary"] = "Tập huấn cho các trường.",
            ["EventPart.Kind"] = "training",
            ["EventPart.StartUtc"] = start + "T08:00",
            ["EventPart.EndUtc"] = start + "T11:00",
            ["EventPart.Venue"] = "Hội trường UBND phường Phú Lợi",
            ["EventPart.Capacity"] = "1000",
            ["EventPart.RegistrationEnabled"] = "true",
            ["BodyPart.Html"] = "<p>Mỗi lớp đăng ký riêng.</p>",
        }, formPage: "/admin/content/new/Event");
        Assert.True(created.StatusCode == HttpStatusCode.Redirect, $"Creating the event answered {(int)created.StatusCode}: {Excerpt(await created.Content.ReadAsStringAsync())}");
        var path = $"su-kien/tap-huan-cum-may-chu-{number}";
        using var visitor = TwoNodeSite.Visitor(site.B.BaseAddress);
        Assert.Equal(HttpStatusCode.OK, (await visitor.Http.GetAsync("/" + path)).StatusCode);
        return path;
    }

    private static Task<HttpResponseMessage> RegisterAsync(SiteClient client, string path, int i) =>
        client.PostFormAsync($"/{path}/dang-ky", new()
        {
            ["Organisation"] = $"Lớp {i}", ["ContactName"] = "Giáo viên chủ nhiệm", ["Email"] = $"lop{i}@truong.example.edu.vn", ["Participants"] = "1",
        }, formPage: "/" + path);

    /// <summary>A visitor whose connections leave from <paramref name="local"/> (another loopback address is another visitor).</summary>
    private static SiteClient VisitorFrom(IPAddress local, Uri address)
    {
        var handler = new SocketsHttpHandler
        {
            CookieContainer = new CookieContainer(), AllowAutoRedirect = false,
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(local, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new SiteClient(new HttpClient(handler) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(100) });
    }

    /// <summary>How long until <paramref name="condition"/> held (polled every 100 ms), or a negative span after 30 s.</summary>
    private static async Task<TimeSpan> UntilAsync(Func<Task<bool>> condition)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (await condition()) return clock.Elapsed;
            await Task.Delay(100);
        }
        return TimeSpan.FromSeconds(-1);
    }

    private static async Task<byte[]> ReadyBytesAsync(SiteClient client, string url)
    {
        for (var attempt = 0; ; attempt++)
        {
            var response = await client.Http.GetAsync(url);
            if (response.StatusCode == HttpStatusCode.OK) return await response.Content.ReadAsByteArrayAsync();
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable || attempt > 300)
                throw new InvalidOperationException($"{url} answered {(int)response.StatusCode}");
            await Task.Delay(200);
        }
    }

    private static bool Same(byte[] expected, byte[] actual) => expected.AsSpan().SequenceEqual(actual);

    private static byte[] Jpeg(int width, int height)
    {
        using var image = new Image<Rgb24>(width, height);
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
                image[x, y] = new Rgb24((byte)(x * 255 / width), (byte)(y * 255 / height), (byte)((x + y) % 256));
        using var ms = new MemoryStream();
        image.Save(ms, new JpegEncoder { Quality = 85 });
        return ms.ToArray();
    }

    private static string Excerpt(string html)
    {
        var text = Regex.Replace(html, "<[^>]+>", " ");
        text = Regex.Replace(text, "\\s+", " ");
        return text.Length > 1500 ? text[..1500] : text;
    }
}
