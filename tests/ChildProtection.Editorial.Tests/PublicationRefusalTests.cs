using System.Net;
using ChildProtection.Core.Contents;
using ChildProtection.Core.Parts;
using ChildProtection.Editorial.Data;
using ChildProtection.Web.Tests;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Editorial.Tests;

/// <summary>
/// A rule of another module can refuse a publication (Media's consent check for images of children). When a
/// reviewer approves such an item, the page must say the rule's own words, not "someone else acted on this
/// item": the reviewer has to know what to mend. The rule here is a test's own, so that this test depends
/// on the review workflow alone.
/// </summary>
public sealed class PublicationRefusalTests : IClassFixture<PublicationRefusalTests.RefusingSite>
{
    /// <summary>Refuses any item whose title names the refusal, with a message of CoreText's (shown untranslated if it has none).</summary>
    private sealed class TitleRefusal : IPublicationCheck
    {
        public const string Marker = "[chưa có đồng ý]";
        public const string Message = "The image {0} shows identifiable children and its consent record is not complete (who consented, their relation to the child, the date and where the signed form is kept). Complete it in the media library before publishing.";

        public Task CheckAsync(ContentItem item, List<ContentValidationError> errors, CancellationToken cancellationToken)
        {
            if (item.DisplayText?.Contains(Marker, StringComparison.Ordinal) == true) errors.Add(new ContentValidationError("", Message, "ảnh-lớp-1A.jpg"));
            return Task.CompletedTask;
        }
    }

    private sealed class RefusingFactory : SiteFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.AddScoped<IPublicationCheck, TitleRefusal>());
        }
    }

    public sealed class RefusingSite() : IAsyncLifetime
    {
        public EditorialSite Site { get; } = new(new RefusingFactory());
        public Task InitializeAsync() => Site.InitializeAsync();
        public Task DisposeAsync() => Site.DisposeAsync();
    }

    private readonly EditorialSite site;

    public PublicationRefusalTests(RefusingSite fixture) => site = fixture.Site;

    [Fact]
    public async Task An_approval_a_publication_rule_refuses_shows_the_rules_message_and_leaves_the_item_submitted()
    {
        var id = await site.DraftArticleAsync(site.Editor, "Ngày hội an toàn " + TitleRefusal.Marker);
        Assert.Equal(HttpStatusCode.Redirect, (await site.ReviewAsync(site.Editor, id, "Submit")).StatusCode);

        var refused = await site.ReviewAsync(site.Reviewer, id, "Approve", new() { ["comment"] = "", ["publishAt"] = "" });
        var page = await refused.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("ảnh-lớp-1A.jpg", page);
        Assert.DoesNotContain("cùng lúc", page); // the race message ("… at the same moment")
        Assert.Equal(ReviewStatus.Submitted, (await site.StateAsync(id))!.Status);
    }
}
