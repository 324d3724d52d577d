using ChildProtection.Core.Settings;
using ChildProtection.Events.Calendar;
using ChildProtection.Events.Data;
using ChildProtection.Events.Parts;
using ChildProtection.Events.Registration;

namespace ChildProtection.Events.Tests;

public sealed class UnitTests
{
    private static readonly SiteTime Vietnam = new(TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh"));

    [Theory]
    [InlineData("truong@example.edu.vn", true)]
    [InlineData("Hieu.Truong+su-kien@example.edu.vn", true)]
    [InlineData("a@b", false)]
    [InlineData("khong-phai-email", false)]
    [InlineData("a b@example.vn", false)]
    [InlineData("a@@example.vn", false)]
    [InlineData("\"Tên\" <a@example.vn>", false)]
    [InlineData("a@example..vn", false)]
    public void Email_addresses_are_checked_as_a_registrar_would(string email, bool ok) => Assert.Equal(ok, RegistrationInput.IsEmail(email));

    [Fact]
    public void Agenda_lines_read_time_item_and_an_optional_speaker()
    {
        Assert.Equal(new AgendaItem("08:00", "Khai mạc", "Lãnh đạo phường"), AgendaItem.Parse("08:00 | Khai mạc | Lãnh đạo phường"));
        Assert.Equal(new AgendaItem("08:30", "Giải lao", null), AgendaItem.Parse(" 08:30|Giải lao "));
        Assert.Null(AgendaItem.Parse("Chỉ có nội dung"));
        Assert.Null(AgendaItem.Parse("09:00 | "));
    }

    [Fact]
    public void Times_read_the_vietnamese_way_in_the_sites_zone()
    {
        var start = new DateTime(2027, 5, 29, 1, 0, 0, DateTimeKind.Utc);
        Assert.Equal("Thứ Bảy, 29/05/2027, 08:00 – 11:00", EventTimes.Describe(start, start.AddHours(3), Vietnam));
        Assert.Equal("Thứ Bảy, 29/05/2027 08:00 – Chủ nhật, 30/05/2027 17:00", EventTimes.Describe(start, start.AddHours(33), Vietnam));
    }

    [Fact]
    public void Registration_closes_at_its_deadline_or_at_the_start()
    {
        var entry = new EventEntry
        {
            Listed = true, RegistrationEnabled = true,
            StartUtc = new DateTime(2027, 1, 10, 1, 0, 0, DateTimeKind.Utc), EndUtc = new DateTime(2027, 1, 10, 4, 0, 0, DateTimeKind.Utc),
        };
        Assert.Null(RegistrationDesk.Refuse(entry, entry.StartUtc.AddDays(-1)));
        Assert.Equal("Registration closed at {0}.", RegistrationDesk.Refuse(entry, entry.StartUtc)!.Value.Key);
        entry.RegistrationClosesUtc = entry.StartUtc.AddDays(-2);
        Assert.Equal("Registration closed at {0}.", RegistrationDesk.Refuse(entry, entry.StartUtc.AddDays(-1))!.Value.Key);
        entry.RegistrationOpensUtc = entry.StartUtc.AddDays(-5);
        Assert.Equal("Registration opens at {0}.", RegistrationDesk.Refuse(entry, entry.StartUtc.AddDays(-6))!.Value.Key);
        entry.Cancelled = true;
        Assert.Equal("This event has been cancelled; it takes no registrations.", RegistrationDesk.Refuse(entry, entry.StartUtc.AddDays(-3))!.Value.Key);
    }

    [Fact]
    public void A_calendar_file_has_the_zone_the_uid_the_sequence_and_the_status()
    {
        var row = new EventEntry
        {
            ContentItemId = "ev1", Path = "su-kien/dien-dan", Title = "Diễn đàn; trẻ em, 2027", Kind = "forum", Listed = true,
            StartUtc = new DateTime(2027, 5, 29, 1, 0, 0, DateTimeKind.Utc), EndUtc = new DateTime(2027, 5, 29, 4, 0, 0, DateTimeKind.Utc),
            Venue = "Hội trường", Sequence = 3, Cancelled = true, ChangedUtc = new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc),
        };
        var text = EventCalendarWriter.Write([new EventCalendarWriter.Entry(row, null)], "Lịch", new SiteSettings(), "https://treem.example.gov.vn");
        Assert.Contains("BEGIN:VTIMEZONE", text);
        Assert.Contains("DTSTART;TZID=Asia/Ho_Chi_Minh:20270529T080000", text);
        Assert.Contains("STATUS:CANCELLED", text);
        var parsed = Ical.Net.Calendar.Load(text)!;
        var e = Assert.Single(parsed.Events);
        Assert.Equal("ev1@su-kien.baovetreem", e.Uid);
        Assert.Equal(3, e.Sequence);
        Assert.Equal(row.StartUtc, e.DtStart!.AsUtc);
        Assert.Equal("[ĐÃ HỦY] Diễn đàn; trẻ em, 2027", e.Summary);
        Assert.Equal("https://treem.example.gov.vn/su-kien/dien-dan", e.Url!.ToString());

        // A site on UTC (or a zone the time-zone database does not know) writes UTC times, still right.
        var utc = EventCalendarWriter.Write([new EventCalendarWriter.Entry(row, null)], "Lịch", new SiteSettings { TimeZone = "Không/Có" }, "https://x.example");
        Assert.Contains("DTSTART:20270529T010000Z", utc);
    }
}
