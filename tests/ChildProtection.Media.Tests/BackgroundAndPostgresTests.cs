using System.Net;
using ChildProtection.Web.Tests;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Media.Tests;

/// <summary>Large images get their derivatives from a Hangfire job; until then their derivative addresses lead to the original.</summary>
public sealed class BackgroundDerivativeTests
{
    [Fact]
    public async Task A_large_image_is_stored_at_once_and_its_derivatives_follow_from_a_job()
    {
        using var factory = new SiteFactory();
        // Above 1.2 megapixels counts as large here (the setup recipe's 1.1 MP posters stay inline).
        factory.Settings["Media:InlineMegapixels"] = "1.2";
        using var admin = await factory.SetUpAsync();
        await using var scope = factory.Services.CreateAsyncScope();
        var library = scope.ServiceProvider.GetRequiredService<IMediaLibrary>();
        var stored = await library.StoreAsync(new MediaUpload { Content = new MemoryStream(TestFiles.Jpeg(1400, 1000)), OriginalName = "lon.jpg", AltText = "Ảnh lớn" });
        Assert.True(stored.Succeeded, string.Join(" ", stored.Errors));
        var file = stored.File!;
        using var anonymous = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var card = library.GetUrl(file, MediaDerivative.CardWebp);

        // Generous: a busy CI machine may take a while to pick the job up; nothing here measures time.
        var deadline = DateTime.UtcNow.AddSeconds(180);
        MediaFile? now = file;
        while (!(now?.DerivativesReady ?? false) && DateTime.UtcNow < deadline)
        {
            if (!now!.DerivativesReady)
            {
                var early = await anonymous.GetAsync(card);
                if (early.StatusCode == HttpStatusCode.Redirect)
                {
                    Assert.Equal($"/media/{file.Id}/{file.StoredName}", early.Headers.Location!.OriginalString);
                    Assert.True(early.Headers.CacheControl!.NoStore);
                }
            }
            await Task.Delay(250);
            await using var poll = factory.Services.CreateAsyncScope();
            now = await poll.ServiceProvider.GetRequiredService<IMediaLibrary>().GetAsync(file.Id);
        }
        Assert.True(now!.DerivativesReady, "the derivative job did not finish within three minutes");
        var made = await anonymous.GetAsync(card);
        Assert.Equal(HttpStatusCode.OK, made.StatusCode);
        Assert.Equal("image/webp", made.Content.Headers.ContentType!.MediaType);
    }
}

/// <summary>The module's migrations and queries on PostgreSQL.</summary>
public sealed class PostgresMediaTests
{
    [PostgresFact]
    public async Task Files_are_stored_listed_used_and_served_on_postgresql()
    {
        await using var database = await PostgresDatabase.CreateAsync("cp_media");
        using var factory = new SiteFactory { PostgresConnectionString = database.ConnectionString };
        using var admin = await factory.SetUpAsync();
        await using var scope = factory.Services.CreateAsyncScope();
        var library = scope.ServiceProvider.GetRequiredService<IMediaLibrary>();
        var stored = await library.StoreAsync(new MediaUpload { Content = new MemoryStream(TestFiles.Jpeg(700, 500)), OriginalName = "Đuối nước.jpg", Folder = "Áp phích", AltText = "Trẻ em tập bơi" });
        Assert.True(stored.Succeeded, string.Join(" ", stored.Errors));
        var found = await library.GetManyAsync([stored.File!.Id, "ca26bk455s0krz86fknjbpn6v4"]);
        Assert.Equal(2, found.Count); // the setup recipe's poster too

        var admin2 = scope.ServiceProvider.GetRequiredService<Admin.MediaAdmin>();
        // Folded search on PostgreSQL; the setup recipe's drowning poster matches too, so look for ours.
        var hits = await admin2.ListAsync(new Admin.MediaListQuery { Search = "duoi nuoc" });
        Assert.Contains(hits.Items, m => m.Id == stored.File.Id);
        Assert.Empty((await admin2.ListAsync(new Admin.MediaListQuery { Search = "khong co tep nao nhu vay" })).Items);
        var html = await admin.GetStringAsync("/admin/media?folder=ap-phich");
        Assert.Contains("Đuối nước.jpg", html);

        using var anonymous = factory.CreateClient();
        var response = await anonymous.GetAsync(library.GetUrl(stored.File, MediaDerivative.Thumbnail));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await library.SetRestrictedAsync(stored.File.Id, true);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(library.GetUrl(stored.File))).StatusCode);
    }
}
