using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using ChildProtection.Web.Tests;
using Xunit.Abstractions;

namespace ChildProtection.ScaleOut.Tests;

/// <summary>
/// A 10,000-recipient notice sent while both nodes' job servers run its lanes; node A is killed (SIGKILL)
/// half-way. Node B finishes the send alone: every recipient gets the notice, the only duplicates are
/// messages that were in flight on A (claimed, maybe sent, not yet written), and B's report counts all of it.
/// </summary>
[Collection(TwoNodeCollection.Name)]
public sealed class NoticeFailoverTests(TwoNodeSite site, ITestOutputHelper output)
{
    private const int Recipients = 10_000;

    [ClusterFact]
    public async Task A_notice_to_ten_thousand_recipients_survives_killing_node_A_half_way()
    {
        await site.BothUpAsync();
        await using var smtp = await LoopbackSmtpServer.StartAsync();
        using var admin = site.Admin(site.A);

        var mail = await admin.PostFormAsync("/admin/mail?handler=Save", new()
        {
            ["Host"] = "127.0.0.1", ["Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture), ["TlsMode"] = "None", ["TimeoutSeconds"] = "10",
            ["SenderAddress"] = "vanthu@ldtbxh.example.gov.vn", ["SenderName"] = "Phòng Lao động – Thương binh và Xã hội",
        }, formPage: "/admin/mail");
        Assert.True(mail.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.OK, $"Saving the mail settings answered {(int)mail.StatusCode}");
        // Four lanes (Hangfire spreads them over both nodes' workers), small rounds.
        var delivery = await admin.PostFormAsync("/admin/notices/delivery-settings", new()
        {
            ["Connections"] = "4", ["ClaimSize"] = "25", ["RatePerMinute"] = "0", ["MaxAttempts"] = "8", ["BackoffBaseSeconds"] = "1",
        });
        Assert.True(delivery.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.OK, $"Saving the delivery settings answered {(int)delivery.StatusCode}");

        var groupId = await SeedDirectoryAsync();
        var noticeId = await CreateDraftAsync(admin, groupId);
        var version = await site.ScalarAsync<string>($"SELECT \"Version\"::text FROM \"Notices\" WHERE \"Id\" = {noticeId}");
        var sent = await admin.PostFormAsync($"/admin/notices/{noticeId}?handler=Send", new() { ["version"] = version, ["when"] = "now" }, $"/admin/notices/{noticeId}");
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);

        // Half-way, with lanes at work on both nodes.
        var prefix = $"<notice-{noticeId}.";
        int Offered() => smtp.Messages.Count(m => ("<" + m.MessageId).StartsWith(prefix, StringComparison.Ordinal));
        var clock = Stopwatch.StartNew();
        while (smtp.Messages.Count < Recipients / 2)
        {
            if (clock.Elapsed > TimeSpan.FromMinutes(4)) throw new TimeoutException($"Only {smtp.Messages.Count} messages after 4 minutes.\nNode A:\n{site.A.Tail}\nNode B:\n{site.B.Tail}");
            await Task.Delay(50);
        }
        var laneRowsOnA = await site.ScalarAsync<long>(
            $"SELECT count(*) FROM \"NoticeRecipients\" WHERE \"NoticeId\" = {noticeId} AND \"ClaimedBy\" LIKE 'node-a|%'");
        await site.A.KillAsync();
        var killedAt = clock.Elapsed;
        // What A held when it died: claimed, perhaps sent, never written. Only these may go out twice.
        var inFlightOnA = await site.ScalarAsync<long>(
            $"SELECT count(*) FROM \"NoticeRecipients\" WHERE \"NoticeId\" = {noticeId} AND \"Status\" = 1 AND \"ClaimedBy\" LIKE 'node-a|%'");
        output.WriteLine($"killed node A after {smtp.Messages.Count} messages ({killedAt.TotalSeconds:0.0} s); rows held by A: {laneRowsOnA} then {inFlightOnA} in flight");
        Assert.True(laneRowsOnA > 0, "Node A was not sending any part of the notice when it was killed: the test proves nothing.");

        // Node B alone: A's rows come back once their lease runs out, and the notice completes.
        TimeSpan? pickedUp = null;
        while (true)
        {
            var status = await site.ScalarAsync<int>($"SELECT \"Status\" FROM \"Notices\" WHERE \"Id\" = {noticeId}");
            if (pickedUp is null && await site.ScalarAsync<long>(
                    $"SELECT count(*) FROM \"NoticeRecipients\" WHERE \"NoticeId\" = {noticeId} AND \"Status\" = 1 AND \"ClaimedBy\" LIKE 'node-a|%'") == 0)
                pickedUp = clock.Elapsed - killedAt;
            if (status == CompletedStatus && Offered() >= Recipients) break;
            if (clock.Elapsed - killedAt > TimeSpan.FromMinutes(4))
                throw new TimeoutException($"The notice did not complete within 4 minutes of the kill ({Offered()} messages, status {status}, A's rows picked up: {pickedUp?.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) ?? "no"}).\nNode B:\n{site.B.Tail}");
            await Task.Delay(250);
        }
        output.WriteLine($"A's rows taken over by B {pickedUp?.TotalSeconds:0.0} s after the kill; complete {(clock.Elapsed - killedAt).TotalSeconds:0.0} s after it");

        var messages = smtp.Messages.Where(m => ("<" + m.MessageId).StartsWith(prefix, StringComparison.Ordinal)).ToList();
        var perRecipient = messages.GroupBy(m => m.To.Mailboxes.Single().Address.ToLowerInvariant()).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(Recipients, perRecipient.Count);
        Assert.All(Enumerable.Range(1, Recipients), i => Assert.True(perRecipient.ContainsKey(Address(i)), $"{Address(i)} received nothing"));
        var duplicates = messages.Count - perRecipient.Count;
        output.WriteLine($"{messages.Count} messages, {duplicates} duplicates, {inFlightOnA} in flight on A");
        Assert.True(duplicates <= inFlightOnA, $"{duplicates} duplicates, more than the {inFlightOnA} messages in flight on node A");

        using var adminB = site.Admin(site.B);
        var report = await adminB.GetStringAsync($"/admin/notices/{noticeId}/report");
        Assert.Contains($"data-count=\"total\">{Recipients}<", report);
        Assert.Contains($"data-count=\"Sent\">{Recipients}<", report);
    }

    // NoticeStatus.Completed in the notices' schema.
    private static readonly int CompletedStatus = (int)ChildProtection.Notices.Data.NoticeStatus.Completed;

    private static string Address(int i) => $"vanthu{i}@truong.example.edu.vn";

    /// <summary>10,000 schools, each with one contact and one address, and a fixed group of all of them: in SQL, seconds.</summary>
    private async Task<int> SeedDirectoryAsync()
    {
        var school = (int)ChildProtection.Organisations.OrganisationKind.School;
        await site.ExecuteAsync($"""
            INSERT INTO "DirectoryOrganisations" ("Code", "Name", "NameKey", "Kind")
                SELECT 'CUM-' || g, 'Trường thử nghiệm số ' || g, 'truong thu nghiem so ' || g, {school} FROM generate_series(1, {Recipients}) g;
            INSERT INTO "DirectoryContacts" ("OrganisationId", "Name", "Role")
                SELECT "Id", 'Văn thư', 'Văn thư' FROM "DirectoryOrganisations" WHERE "Code" LIKE 'CUM-%';
            INSERT INTO "DirectoryContactEmails" ("ContactId", "Address", "Normalized")
                SELECT c."Id", 'vanthu' || substr(o."Code", 5) || '@truong.example.edu.vn', 'vanthu' || substr(o."Code", 5) || '@truong.example.edu.vn'
                FROM "DirectoryContacts" c JOIN "DirectoryOrganisations" o ON o."Id" = c."OrganisationId" WHERE o."Code" LIKE 'CUM-%';
            INSERT INTO "DirectoryGroups" ("Name", "Description", "Kind") VALUES ('Mười nghìn trường thử nghiệm', 'Cụm máy chủ', 0);
            INSERT INTO "DirectoryGroupMembers" ("GroupId", "OrganisationId")
                SELECT (SELECT "Id" FROM "DirectoryGroups" WHERE "Name" = 'Mười nghìn trường thử nghiệm'), "Id" FROM "DirectoryOrganisations" WHERE "Code" LIKE 'CUM-%';
            """);
        return await site.ScalarAsync<int>("SELECT \"Id\" FROM \"DirectoryGroups\" WHERE \"Name\" = 'Mười nghìn trường thử nghiệm'");
    }

    private static async Task<int> CreateDraftAsync(SiteClient admin, int groupId)
    {
        var page = await admin.GetStringAsync("/admin/notices/edit");
        var token = SiteClient.TokenIn(page) ?? throw new InvalidOperationException("No antiforgery token on /admin/notices/edit");
        using var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        foreach (var (k, v) in new Dictionary<string, string>
        {
            ["Input.Issuer"] = "UBND Thành phố", ["Input.NumberSymbol"] = "1404/UBND-LĐTBXH", ["Input.DocumentType"] = "Công văn",
            ["Input.IssuedOn"] = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["Input.IssuedPlace"] = "Thành phố Hồ Chí Minh",
            ["Input.Summary"] = "V/v triển khai Tháng hành động vì trẻ em", ["Input.SignerTitle"] = "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH",
            ["Input.SignerName"] = "Nguyễn Thị Hồng", ["Input.BodyHtml"] = "<p>Đề nghị các trường triển khai kế hoạch bảo vệ trẻ em.</p>",
            ["Input.ReplyToAddress"] = "ldtbxh@thanhpho.example.gov.vn", ["Input.ReplyToName"] = "Phòng Văn hóa – Xã hội",
            ["Input.Deadline"] = DateTime.UtcNow.AddDays(30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["Input.ReminderDaysBefore"] = "3", ["Input.MaxReminders"] = "0", ["Input.GroupIds"] = groupId.ToString(CultureInfo.InvariantCulture),
        })
            form.Add(new StringContent(v, Encoding.UTF8), k);
        var response = await admin.Http.PostAsync("/admin/notices/edit", form);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Redirect,
            $"Saving the draft answered {(int)response.StatusCode}: {Regex.Replace(body, "<[^>]+>", " ")[..Math.Min(body.Length, 2000)]}");
        return int.Parse(response.Headers.Location!.OriginalString.Split('/').Last(), CultureInfo.InvariantCulture);
    }
}
