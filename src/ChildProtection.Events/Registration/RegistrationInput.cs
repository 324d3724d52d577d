using System.Globalization;
using System.Net.Mail;
using System.Text.RegularExpressions;

namespace ChildProtection.Events.Registration;

/// <summary>What a school or group types into the registration form, as typed (so each mistake can be named).</summary>
public sealed record RegistrationRequest(string? Organisation, string? ContactName, string? Email, string? Phone, string? Participants)
{
    public const int MaxOrganisation = 200;
    public const int MaxContact = 120;
    public const int MaxEmail = 254;
    public const int MaxPhone = 30;
    /// <summary>Without a capacity, one registration still brings at most this many people.</summary>
    public const int MaxParticipantsWithoutCapacity = 1000;
}

/// <summary>The form's fields checked one by one; English keys, shown through the module's resources.</summary>
public static partial class RegistrationInput
{
    [GeneratedRegex(@"^[0-9+()\-. ]{6,30}$")]
    private static partial Regex PhonePattern();

    public sealed record Checked(string Organisation, string ContactName, string Email, string? Phone, int Participants);

    public static Checked? Check(RegistrationRequest request, int? capacity, Dictionary<string, (string Key, object[] Args)> errors)
    {
        var organisation = Clean(request.Organisation);
        if (organisation is null) errors["Organisation"] = ("Enter the school, class or group that registers.", []);
        else if (organisation.Length > RegistrationRequest.MaxOrganisation) errors["Organisation"] = ("At most {0} characters.", [RegistrationRequest.MaxOrganisation]);

        var contact = Clean(request.ContactName);
        if (contact is null) errors["ContactName"] = ("Enter the name of the person to contact.", []);
        else if (contact.Length > RegistrationRequest.MaxContact) errors["ContactName"] = ("At most {0} characters.", [RegistrationRequest.MaxContact]);

        var email = Clean(request.Email)?.ToLowerInvariant();
        if (email is null) errors["Email"] = ("Enter an e-mail address: the confirmation is sent there.", []);
        else if (!IsEmail(email)) errors["Email"] = ("\"{0}\" is not an e-mail address (for example truong@example.edu.vn).", [Shorten(email)]);

        var phone = Clean(request.Phone);
        if (phone is not null && !PhonePattern().IsMatch(phone)) errors["Phone"] = ("\"{0}\" is not a phone number.", [Shorten(phone)]);

        var max = capacity ?? RegistrationRequest.MaxParticipantsWithoutCapacity;
        var count = 0;
        var raw = Clean(request.Participants);
        if (raw is null) errors["Participants"] = ("Enter the number of participants.", []);
        else if (!int.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out count)) errors["Participants"] = ("\"{0}\" is not a whole number.", [Shorten(raw)]);
        else if (count < 1) errors["Participants"] = ("The number of participants must be at least 1.", []);
        else if (count > max) errors["Participants"] = capacity is null
            ? ("One registration brings at most {0} people.", [max])
            : ("The event has {0} places in all; one registration brings at most {0} people.", [max]);

        return errors.Count == 0 ? new Checked(organisation!, contact!, email!, phone, count) : null;
    }

    public static bool IsEmail(string email)
    {
        if (email.Length > RegistrationRequest.MaxEmail || email.Any(char.IsWhiteSpace) || email.Count(c => c == '@') != 1) return false;
        if (!MailAddress.TryCreate(email, out var address) || !string.Equals(address.Address, email, StringComparison.OrdinalIgnoreCase)) return false;
        var domain = address.Host;
        return domain.Contains('.') && !domain.StartsWith('.') && !domain.EndsWith('.') && !domain.Contains("..");
    }

    private static string? Clean(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : value.Trim().Normalize(System.Text.NormalizationForm.FormC);

    private static string Shorten(string value) => value.Length > 60 ? value[..60] + "…" : value;
}
