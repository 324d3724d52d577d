using System.Net;
using ChildProtection.Testing;
using ChildProtection.Users.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace ChildProtection.Web.Tests;

/// <summary>
/// Sign-in throttling: an address is stopped before an account is (429 with a Vietnamese page), a lock
/// earned from one address leaves the owner's other addresses alone, the account is locked for everybody
/// only after failures from several addresses, the limits hold across nodes sharing one Redis, and every
/// refusal costs the same password-hash work whether the name is unknown, the password wrong or the account locked.
/// </summary>
public sealed class SignInThrottlingTests
{
    private const string Attacker = "203.0.113.7";
    private const string Office = "198.51.100.20";

    private static Task<HttpResponseMessage> TryAsync(SiteClient client, string user, string password) =>
        client.PostFormAsync("/login", new() { ["UserName"] = user, ["Password"] = password });

    [Fact]
    public async Task One_address_spraying_a_password_over_many_names_gets_429_and_others_are_not_slowed()
    {
        using var factory = new SiteFactory { Settings = { ["Security:SignIn:FailuresPerAddressPerMinute"] = "4" } };
        using var admin = await factory.SetUpAsync();
        using var attacker = factory.CreateSiteClient(Attacker);
        for (var i = 0; i < 4; i++)
            Assert.Equal(HttpStatusCode.OK, (await TryAsync(attacker, $"nguoi-dung-{i}", "Mua-he-2024!")).StatusCode);

        var refused = await TryAsync(attacker, "nguoi-dung-99", "Mua-he-2024!");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("60", refused.Headers.GetValues("Retry-After").Single());
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("Có quá nhiều lần đăng nhập sai từ mạng của bạn", html);
        Assert.Contains("lang=\"vi\"", html);
        // Even the right password is not looked at while the address waits.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await TryAsync(attacker, SiteFactory.AdminUser, SiteFactory.AdminPassword)).StatusCode);

        using var office = factory.CreateSiteClient(Office);
        Assert.Equal(HttpStatusCode.OK, (await TryAsync(office, "nguoi-dung-1", "Sai-mat-khau-1")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await TryAsync(office, SiteFactory.AdminUser, SiteFactory.AdminPassword)).StatusCode);
    }

    [Fact]
    public async Task Five_wrong_passwords_from_one_address_do_not_lock_the_administrator_out_from_another()
    {
        using var factory = new SiteFactory();
        using var admin = await factory.SetUpAsync();
        using var attacker = factory.CreateSiteClient(Attacker);
        for (var i = 0; i < 5; i++) await TryAsync(attacker, SiteFactory.AdminUser, "Sai-mat-khau-" + i);

        // The attacker's address is locked out of this account, even with the right password…
        var fromAttacker = await TryAsync(attacker, SiteFactory.AdminUser, SiteFactory.AdminPassword);
        Assert.Equal(HttpStatusCode.OK, fromAttacker.StatusCode);
        Assert.Contains("tạm bị khóa đăng nhập từ nơi này trong 15 phút", await fromAttacker.Content.ReadAsStringAsync());
        // …the administrator at the office signs in.
        using var office = factory.CreateSiteClient(Office);
        Assert.Equal(HttpStatusCode.Redirect, (await TryAsync(office, SiteFactory.AdminUser, SiteFactory.AdminPassword)).StatusCode);
    }

    [Fact]
    public async Task The_account_itself_is_locked_only_after_failures_from_several_addresses()
    {
        using var factory = new SiteFactory
        {
            Settings =
            {
                ["Security:SignIn:AccountFailuresPerAddress"] = "3",
                ["Security:SignIn:AccountFailures"] = "6",
                ["Security:SignIn:LockoutMinutes"] = "20",
            },
        };
        using var admin = await factory.SetUpAsync();
        foreach (var address in new[] { "192.0.2.1", "192.0.2.2" })
        {
            using var client = factory.CreateSiteClient(address);
            for (var i = 0; i < 2; i++) await TryAsync(client, SiteFactory.AdminUser, "Sai-mat-khau-" + i);
        }
        // Four failures from two addresses: nobody is locked yet.
        using (var office = factory.CreateSiteClient(Office))
            Assert.Equal(HttpStatusCode.Redirect, (await TryAsync(office, SiteFactory.AdminUser, SiteFactory.AdminPassword)).StatusCode);

        foreach (var address in new[] { "192.0.2.3", "192.0.2.4", "192.0.2.5" })
        {
            using var client = factory.CreateSiteClient(address);
            for (var i = 0; i < 2; i++) await TryAsync(client, SiteFactory.AdminUser, "Sai-mat-khau-" + i);
        }
        // Six failures in a row from several addresses: Identity's lockout holds for everybody, as configured.
        using var elsewhere = factory.CreateSiteClient("192.0.2.99");
        var refused = await TryAsync(elsewhere, SiteFactory.AdminUser, SiteFactory.AdminPassword);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("trong 20 phút", await refused.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Unknown_wrong_and_locked_sign_ins_each_cost_one_password_verification()
    {
        var hasher = new CountingPasswordHasher();
        using var factory = new SiteFactory { ReplaceServices = s => s.AddSingleton<IPasswordHasher<User>>(hasher) };
        using var admin = await factory.SetUpAsync();
        using var attacker = factory.CreateSiteClient(Attacker);

        async Task<int> VerificationsFor(string user, string password)
        {
            var before = hasher.Verifications;
            var response = await TryAsync(attacker, user, password);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return hasher.Verifications - before;
        }

        Assert.Equal(1, await VerificationsFor("khong-co-ai", "Sai-mat-khau-1"));
        Assert.Equal(1, await VerificationsFor(SiteFactory.AdminUser, "Sai-mat-khau-1"));
        for (var i = 2; i <= 5; i++) await TryAsync(attacker, SiteFactory.AdminUser, "Sai-mat-khau-" + i);
        // Locked now (from this address): the answer still verifies a hash, like an unknown name's.
        Assert.Equal(1, await VerificationsFor(SiteFactory.AdminUser, "Sai-mat-khau-6"));

        // And locked for everybody (Identity's lockout), the same.
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
            var user = (await users.FindByNameAsync(SiteFactory.AdminUser))!;
            await users.SetLockoutEndDateAsync(user, DateTimeOffset.UtcNow.AddMinutes(15));
        }
        using var office = factory.CreateSiteClient(Office);
        var beforeLocked = hasher.Verifications;
        var locked = await TryAsync(office, SiteFactory.AdminUser, SiteFactory.AdminPassword);
        Assert.Contains("tạm bị khóa", await locked.Content.ReadAsStringAsync());
        Assert.Equal(1, hasher.Verifications - beforeLocked);
    }

    [RedisFact]
    public async Task The_per_address_limit_holds_across_two_nodes_sharing_one_redis()
    {
        var prefix = $"cp-test-{Guid.NewGuid():N}:";
        SiteFactory Node()
        {
            var node = new SiteFactory();
            node.UseSharedRedis(prefix);
            node.Settings["Security:SignIn:FailuresPerAddressPerMinute"] = "6";
            return node;
        }
        using var nodeA = Node();
        using var nodeB = Node();
        using var adminA = await nodeA.SetUpAsync();
        using var adminB = await nodeB.SetUpAsync();
        using var onA = nodeA.CreateSiteClient(Attacker);
        using var onB = nodeB.CreateSiteClient(Attacker);
        // Three failures on each node: six in all, the limit.
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await TryAsync(onA, $"ten-{i}", "Mua-he-2024!")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await TryAsync(onB, $"ten-b-{i}", "Mua-he-2024!")).StatusCode);
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, (await TryAsync(onA, "ten-9", "Mua-he-2024!")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await TryAsync(onB, "ten-9", "Mua-he-2024!")).StatusCode);
        // Another address is not held up on either node.
        using var office = nodeB.CreateSiteClient(Office);
        Assert.Equal(HttpStatusCode.Redirect, (await TryAsync(office, SiteFactory.AdminUser, SiteFactory.AdminPassword)).StatusCode);
    }

    /// <summary>Identity's hasher, counting how many times a password is checked.</summary>
    private sealed class CountingPasswordHasher : IPasswordHasher<User>
    {
        private readonly PasswordHasher<User> inner = new();
        private int verifications;
        public int Verifications => Volatile.Read(ref verifications);

        public string HashPassword(User user, string password) => inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(User user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref verifications);
            return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
