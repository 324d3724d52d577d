using System.Net;
using ChildProtection.Events.Data;
using ChildProtection.Web.Tests;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Events.Tests;

/// <summary>
/// Fifty schools press "Đăng ký" at the same instant for an event with twenty places: exactly twenty are
/// confirmed, thirty wait in order, the seats taken never pass the capacity, and a cancellation moves the
/// first one waiting up. On SQLite, and on PostgreSQL when tools/test.sh provides it.
/// </summary>
public sealed class ConcurrencyTests
{
    public const int Capacity = 20;
    public const int Schools = 50;

    [Fact]
    public async Task Fifty_registrations_at_the_same_instant_never_exceed_the_capacity_on_sqlite()
    {
        var site = new EventsSite();
        await site.InitializeAsync();
        try { await RunAsync(site); }
        finally { await site.DisposeAsync(); }
    }

    [PostgresFact]
    public async Task Fifty_registrations_at_the_same_instant_never_exceed_the_capacity_on_postgresql()
    {
        await using var database = await PostgresDatabase.CreateAsync("cp_events");
        var site = new EventsSite(database.ConnectionString);
        await site.InitializeAsync();
        try { await RunAsync(site); }
        finally { await site.DisposeAsync(); }
    }

    private static async Task RunAsync(EventsSite site)
    {
        var item = await site.EventAsync("Diễn đàn trẻ em phường Phú Lợi", EventsSite.Local(14, 8), EventsSite.Local(14, 11), kind: "forum", capacity: Capacity);
        using var client = site.Anonymous();
        // The page is cached and carries no token: one from the token endpoint, as the page's script asks for it.
        var token = await client.FetchFormTokenAsync();

        // Every request is built first, then all are released together.
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = Enumerable.Range(1, Schools).Select(i => Task.Run(async () =>
        {
            var content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token,
                ["Organisation"] = $"Trường số {i}",
                ["ContactName"] = $"Giáo viên {i}",
                ["Email"] = $"truong{i}@example.edu.vn",
                ["Participants"] = "1",
            });
            await start.Task;
            return await client.Http.PostAsync($"/{item.Path}/dang-ky", content);
        })).ToList();
        start.SetResult();
        var responses = await Task.WhenAll(tasks);
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.SeeOther, r.StatusCode));

        var registrations = await site.RegistrationsAsync(item.ContentItemId);
        Assert.Equal(Schools, registrations.Count);
        Assert.Equal(Capacity, registrations.Count(r => r.Status == RegistrationStatus.Confirmed));
        Assert.Equal(Schools - Capacity, registrations.Count(r => r.Status == RegistrationStatus.Waiting));
        Assert.Equal(Capacity, (await site.EntryAsync(item.ContentItemId)).Taken);
        // Every registration promised its e-mail in the same transaction.
        var mails = await site.DbAsync(db => Task.FromResult(db.Mails.Count(m => registrations.Select(r => r.Id).Contains(m.RegistrationId))));
        Assert.Equal(Schools, mails);

        // A confirmed school cancels: the earliest waiting one moves up, and the count stays at the capacity.
        var leaving = registrations.First(r => r.Status == RegistrationStatus.Confirmed);
        var firstWaiting = registrations.Where(r => r.Status == RegistrationStatus.Waiting).OrderBy(r => r.CreatedUtc).ThenBy(r => r.Id).First();
        await using (var scope = site.Factory.Services.CreateAsyncScope())
        {
            var desk = scope.ServiceProvider.GetRequiredService<Registration.RegistrationDesk>();
            Assert.Equal(Registration.CancelOutcome.Cancelled, await desk.CancelAsync(leaving.Id, "registrant"));
        }
        registrations = await site.RegistrationsAsync(item.ContentItemId);
        Assert.Equal(RegistrationStatus.Confirmed, registrations.Single(r => r.Id == firstWaiting.Id).Status);
        Assert.Equal(Capacity, registrations.Count(r => r.Status == RegistrationStatus.Confirmed));
        Assert.Equal(Capacity, (await site.EntryAsync(item.ContentItemId)).Taken);
    }
}
