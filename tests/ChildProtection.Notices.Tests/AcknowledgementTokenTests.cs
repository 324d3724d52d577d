using ChildProtection.Notices.Acknowledgement;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Time.Testing;

namespace ChildProtection.Notices.Tests;

public sealed class AcknowledgementTokenTests
{
    private static readonly IDataProtectionProvider Keys = new EphemeralDataProtectionProvider();

    [Fact]
    public void A_token_names_its_notice_and_recipient_until_it_expires()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero));
        var tokens = new AcknowledgementTokens(Keys, clock);
        var token = tokens.Create(12, 345678901234, new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc));

        var read = tokens.Read(token);
        Assert.Equal(AcknowledgementTokenState.Valid, read.State);
        Assert.Equal(12, read.NoticeId);
        Assert.Equal(345678901234, read.RecipientId);

        clock.Advance(TimeSpan.FromDays(31));
        Assert.Equal(AcknowledgementTokenState.Expired, tokens.Read(token).State);
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("not-base64-!!")]
    public void Garbage_is_invalid(string token) =>
        Assert.Equal(AcknowledgementTokenState.Invalid, new AcknowledgementTokens(Keys).Read(token).State);

    [Fact]
    public void A_changed_character_makes_the_token_invalid()
    {
        var tokens = new AcknowledgementTokens(Keys);
        var token = tokens.Create(1, 2, DateTime.UtcNow.AddDays(1));
        var middle = token.Length / 2;
        var tampered = token[..middle] + (token[middle] == 'A' ? 'B' : 'A') + token[(middle + 1)..];
        Assert.Equal(AcknowledgementTokenState.Invalid, tokens.Read(tampered).State);
    }

    [Fact]
    public void Another_purpose_cannot_read_it()
    {
        var tokens = new AcknowledgementTokens(Keys);
        var foreign = Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlEncode(Keys.CreateProtector("Something.Else").Protect(new byte[20]));
        Assert.Equal(AcknowledgementTokenState.Invalid, tokens.Read(foreign).State);
    }
}
