using System.Globalization;
using ChildProtection.Events.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace ChildProtection.Events.Voices;

/// <summary>What a child, a class or a school types into the "send a question" form, as typed.</summary>
public sealed record VoiceRequest(string? Kind, string? Text, string? FirstName, string? Age, string? School, string? Honeypot);

public enum VoiceResult { Accepted, Invalid, Closed, TooMany, Trapped }

/// <summary>
/// Takes children's questions and opinions before a forum into the moderation queue. Nothing personal is
/// required. Kept from abuse without a third-party captcha: a honeypot field people never see (a bot that
/// fills it is told "thank you" and nothing is stored), and a limit per address and per forum.
/// </summary>
public sealed class VoiceDesk(EventsDbContext db, VoiceLimiter limiter, TimeProvider clock)
{
    public const int MaxText = 2000;
    public const int MaxFirstName = 50;
    public const int MaxSchool = 200;

    public async Task<(VoiceResult Result, Dictionary<string, (string Key, object[] Args)> Errors)> SubmitAsync(
        EventEntry entry, VoiceRequest request, string clientKey, CancellationToken cancellationToken = default)
    {
        var errors = new Dictionary<string, (string Key, object[] Args)>();
        var now = clock.GetUtcNow().UtcDateTime;
        if (!entry.Listed || !entry.VoicesEnabled || entry.Cancelled || now >= entry.StartUtc) return (VoiceResult.Closed, errors);
        // A bot fills every field it finds; people never see this one.
        if (!string.IsNullOrEmpty(request.Honeypot)) return (VoiceResult.Trapped, errors);

        var kind = request.Kind is "opinion" ? "opinion" : "question";
        var text = Clean(request.Text);
        if (text is null) errors["Text"] = ("Write your question or opinion.", []);
        else if (text.Length < 5) errors["Text"] = ("Write a little more (at least 5 characters).", []);
        else if (text.Length > MaxText) errors["Text"] = ("At most {0} characters.", [MaxText]);
        var firstName = Clean(request.FirstName);
        if (firstName is { Length: > MaxFirstName }) errors["FirstName"] = ("At most {0} characters.", [MaxFirstName]);
        int? age = null;
        var rawAge = Clean(request.Age);
        if (rawAge is not null)
        {
            if (!int.TryParse(rawAge, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var a) || a is < 4 or > 25)
                errors["Age"] = ("The age is a number from 4 to 25 (or leave it empty).", []);
            else age = a;
        }
        var school = Clean(request.School);
        if (school is { Length: > MaxSchool }) errors["School"] = ("At most {0} characters.", [MaxSchool]);
        if (errors.Count > 0) return (VoiceResult.Invalid, errors);

        if (!await limiter.TryAcquireAsync(clientKey, entry.ContentItemId, cancellationToken)) return (VoiceResult.TooMany, errors);

        db.Voices.Add(new ForumVoice
        {
            EventId = entry.ContentItemId, Kind = kind, Text = text!, FirstName = firstName, Age = age, School = school,
            Status = VoiceStatus.Pending, CreatedUtc = now,
        });
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return (VoiceResult.Accepted, errors);
    }

    private static string? Clean(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : value.Trim().Normalize(System.Text.NormalizationForm.FormC);
}
