using System.Net;
using System.Text.RegularExpressions;
using ChildProtection.Audit.Data;
using ChildProtection.Editorial.Data;
using ChildProtection.Web.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Editorial.Tests;

/// <summary>
/// A set-up site (the childprotection recipe: Article requires review) shared by a test class, with
/// the administrator, an editor (Biên tập viên) and a reviewer (Ban biên tập) signed in.
/// </summary>
public sealed partial class EditorialSite : IAsyncLifetime
{
    public const string Password = "Mat-khau-2024!";
    // No job server: the tests run the scheduled-publishing runner themselves, so what they assert is what they ran.
    public SiteFactory Factory { get; }

    public EditorialSite() : this((string?)null) { }

    /// <param name="postgresConnectionString">A PostgreSQL database of its own (null: SQLite in a temp folder).</param>
    internal EditorialSite(string? postgresConnectionString) : this(new SiteFactory { PostgresConnectionString = postgresConnectionString }) { }

    /// <param name="factory">A site of the test's own making (extra services); it runs no job server either.</param>
    internal EditorialSite(SiteFactory factory)
    {
        factory.Settings["Jobs:RunServer"] = "false";
        Factory = factory;
    }
    public SiteClient Admin { get; private set; } = null!;
    public SiteClient Editor { get; private set; } = null!;
    public SiteClient Reviewer { get; private set; } = null!;
    public SiteClient Anonymous { get; private set; } = null!;
    public string Outbox => Path.Combine(Factory.DataPath, "outbox");

    public async Task InitializeAsync()
    {
        Admin = await Factory.SetUpAsync();
        Editor = await UserAsync("bientapvien", "bientapvien@vhtt.example.gov.vn", "Editor");
        Reviewer = await UserAsync("bbt.duyet", "bbt.duyet@vhtt.example.gov.vn", "Reviewer");
        Anonymous = Factory.CreateSiteClient();
    }

    public async Task<SiteClient> UserAsync(string name, string email, string role)
    {
        var created = await Admin.PostFormAsync("/admin/users/create", new() { ["UserName"] = name, ["Email"] = email, ["Password"] = Password, ["Roles"] = role });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var client = Factory.CreateSiteClient();
        await client.SignInAsync(name, Password);
        return client;
    }

    [GeneratedRegex("^/admin/content/([0-9a-z]+)/edit$")]
    private static partial Regex EditorAddress();

    /// <summary>Saves a new article as a draft through the editor form and returns its id.</summary>
    public async Task<string> DraftArticleAsync(SiteClient client, string title, string? path = null, string body = "<p>Nội dung</p>", string summary = "Tóm tắt")
    {
        var saved = await client.PostFormAsync("/admin/content/new/Article?handler=Save", new()
        {
            ["TitlePart.Title"] = title,
            ["RoutePart.Path"] = path ?? "",
            ["SummaryPart.Summary"] = summary,
            ["BodyPart.Html"] = body,
        }, formPage: "/admin/content/new/Article");
        Assert.True(saved.StatusCode == HttpStatusCode.Redirect, $"Saving answered {(int)saved.StatusCode}: {await saved.Content.ReadAsStringAsync()}");
        return EditorAddress().Match(saved.Headers.Location!.OriginalString).Groups[1].Value;
    }

    /// <summary>Edits the latest version through the editor form (the form's version field carried along).</summary>
    public async Task<HttpResponseMessage> EditArticleAsync(SiteClient client, string id, string title, string body, string? path = null, string summary = "Tóm tắt")
    {
        var form = await client.GetStringAsync($"/admin/content/{id}/edit");
        var version = Regex.Match(form, "name=\"version\" value=\"([^\"]+)\"").Groups[1].Value;
        var fields = new Dictionary<string, string>
        {
            ["version"] = version, ["TitlePart.Title"] = title, ["SummaryPart.Summary"] = summary, ["BodyPart.Html"] = body,
        };
        if (path is not null) fields["RoutePart.Path"] = path;
        return await client.PostFormAsync($"/admin/content/{id}/edit?handler=Save", fields, formPage: $"/admin/content/{id}/edit");
    }

    /// <summary>Posts one of the review panel's forms (the token read from the item's review page).</summary>
    public Task<HttpResponseMessage> ReviewAsync(SiteClient client, string id, string handler, Dictionary<string, string>? fields = null) =>
        client.PostFormAsync($"/admin/review/item/{id}?handler={handler}", fields ?? new(), formPage: $"/admin/content/{id}/edit");

    public async Task<T> WithServicesAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        using var scope = Factory.Services.CreateScope();
        return await work(scope.ServiceProvider);
    }

    public Task<T> EditorialAsync<T>(Func<EditorialDbContext, Task<T>> work) =>
        WithServicesAsync(sp => work(sp.GetRequiredService<EditorialDbContext>()));

    public Task<List<AuditEvent>> AuditAsync(string? subjectId = null) =>
        WithServicesAsync(sp => sp.GetRequiredService<AuditDbContext>().AuditEvents.AsNoTracking()
            .Where(e => subjectId == null || e.SubjectId == subjectId).OrderBy(e => e.Id).ToListAsync());

    public Task<ReviewState?> StateAsync(string id) => EditorialAsync(db => db.ReviewStates.AsNoTracking().FirstOrDefaultAsync(s => s.ContentItemId == id));

    /// <summary>The text of every message in the outbox (the site has no SMTP server in these tests).</summary>
    public List<string> OutboxMessages() =>
        Directory.Exists(Outbox) ? Directory.GetFiles(Outbox, "*.eml").Select(File.ReadAllText).ToList() : [];

    public Task DisposeAsync()
    {
        foreach (var c in new[] { Admin, Editor, Reviewer, Anonymous }) c?.Dispose();
        Factory.Dispose();
        return Task.CompletedTask;
    }
}
