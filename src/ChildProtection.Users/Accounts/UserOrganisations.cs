using System.Security.Claims;
using ChildProtection.Core.Security;
using ChildProtection.Organisations;
using ChildProtection.Users.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ChildProtection.Users.Accounts;

/// <summary>What the user form asked for: an organisation (its id and label), none (<see cref="Id"/> null), or a refusal (<see cref="Error"/>).</summary>
public sealed record OrganisationRequest(int? Id, string? Label, string? Error);

/// <summary>
/// The directory organisation (school, ward office) an account speaks for, kept as the Identity user claim
/// <see cref="SiteClaims.Organisation"/>. Identity's claims factory copies user claims into the sign-in, so
/// the claim reaches the cookie at the next sign-in and an open session within the security-stamp
/// validation interval (a minute). Organisations are looked up through the directory's public contract only.
/// </summary>
public sealed class UserOrganisations(UserManager<User> users, UsersDbContext db, IRecipientDirectory directory, IStringLocalizer<UsersText> T)
{
    /// <summary>How many suggestions the picker shows at once.</summary>
    public const int SuggestionCount = 20;

    public async Task<int?> IdOfAsync(User user) =>
        (await users.GetClaimsAsync(user)).Where(c => c.Type == SiteClaims.Organisation)
            .Select(c => SiteClaims.ParseOrganisation(c.Value)).FirstOrDefault(id => id is not null);

    /// <summary>The organisation of each of these accounts that has one, by user id (one query for the claims, one for the names).</summary>
    public async Task<IReadOnlyDictionary<string, OrganisationShown>> OfUsersAsync(IReadOnlyCollection<string> userIds, CancellationToken ct = default)
    {
        if (userIds.Count == 0) return new Dictionary<string, OrganisationShown>();
        var claims = await db.UserClaims.AsNoTracking()
            .Where(c => userIds.Contains(c.UserId) && c.ClaimType == SiteClaims.Organisation)
            .Select(c => new { c.UserId, c.ClaimValue }).ToListAsync(ct);
        var links = claims.Select(c => (c.UserId, Id: SiteClaims.ParseOrganisation(c.ClaimValue)))
            .Where(c => c.Id is not null).GroupBy(c => c.UserId).ToDictionary(g => g.Key, g => g.First().Id!.Value);
        var found = links.Count == 0 ? [] : await directory.GetOrganisationsAsync(links.Values.Distinct().ToList(), ct);
        return links.ToDictionary(l => l.Key, l => Show(l.Value, found.FirstOrDefault(o => o.Id == l.Value)));
    }

    public async Task<OrganisationShown?> ShowAsync(int? id, CancellationToken ct = default) =>
        id is { } value ? Show(value, await directory.GetOrganisationAsync(value, ct)) : null;

    /// <summary>An organisation as the admin shows it; one that has left the directory keeps its number.</summary>
    public OrganisationShown Show(int id, OrganisationInfo? organisation) =>
        organisation is null ? new(id, T["Organisation no. {0} (no longer in the directory)", id].Value, false)
            : new(id, organisation.Label, organisation.IsValidOn(DateOnly.FromDateTime(DateTime.UtcNow)));

    /// <summary>Suggestions for the picker: organisations whose name (diacritics optional) or code contains the text.</summary>
    public async Task<IReadOnlyList<OrganisationInfo>> SuggestAsync(string? text, CancellationToken ct = default) =>
        string.IsNullOrWhiteSpace(text) || text.Trim().Length < 2 ? [] : await directory.FindOrganisationsAsync(text.Trim(), SuggestionCount, ct);

    /// <summary>
    /// Reads the form's two fields. <paramref name="idText"/> is the hidden id the page's script sets when a
    /// suggestion is chosen: it wins, and must name an organisation of the directory. Without it (no script,
    /// or nothing chosen) the visible text decides: empty means none; otherwise it must be a code, or a
    /// suggestion's "Name (CODE)", of an organisation in the directory. Anything else is refused. The
    /// account's <paramref name="current"/> organisation is kept as it is even when it has since left the
    /// directory, so that saving other changes does not force the field to be emptied.
    /// </summary>
    public async Task<OrganisationRequest> ReadAsync(string? idText, string? text, OrganisationShown? current = null, CancellationToken ct = default)
    {
        idText = idText?.Trim();
        text = text?.Trim() ?? "";
        if (!string.IsNullOrEmpty(idText))
        {
            var id = SiteClaims.ParseOrganisation(idText);
            if (current is not null && id == current.Id) return new(current.Id, current.Label, null);
            var found = id is { } value ? await directory.GetOrganisationAsync(value, ct) : null;
            return found is null
                ? new(null, null, T["There is no organisation number {0} in the directory. Choose one from the suggestions.", idText].Value)
                : new(found.Id, found.Label, null);
        }
        if (text.Length == 0) return new(null, null, null);
        if (current is not null && text == current.Label) return new(current.Id, current.Label, null);
        var code = text;
        // "Trường Tiểu học Phú Lợi (TH-PHULOI)": the code in the last brackets.
        if (text.EndsWith(')') && text.LastIndexOf('(') is var open and > 0) code = text[(open + 1)..^1];
        var byCode = code.Trim().Length > 0 ? await directory.GetOrganisationByCodeAsync(code, ct) : null;
        return byCode is null
            ? new(null, null, T["No organisation in the directory matches \"{0}\". Choose one from the suggestions, or empty the field if the account speaks for none.", text].Value)
            : new(byCode.Id, byCode.Label, null);
    }

    /// <summary>The audit trail's detail for a change: "old → new", "—" standing for none.</summary>
    public static string Change(string? from, string? to) => $"{from ?? "—"} → {to ?? "—"}";

    /// <summary>Links the account to the organisation, or unlinks it (null); nothing is written when it is already so.</summary>
    public async Task<IdentityResult> SetAsync(User user, int? organisationId)
    {
        var current = (await users.GetClaimsAsync(user)).Where(c => c.Type == SiteClaims.Organisation).ToList();
        if (current.Count == 1 && SiteClaims.ParseOrganisation(current[0].Value) == organisationId) return IdentityResult.Success;
        if (current.Count > 0)
        {
            var removed = await users.RemoveClaimsAsync(user, current);
            if (!removed.Succeeded) return removed;
        }
        return organisationId is { } id
            ? await users.AddClaimAsync(user, new Claim(SiteClaims.Organisation, SiteClaims.FormatOrganisation(id)))
            : IdentityResult.Success;
    }
}

/// <summary>An account's organisation as the users admin shows it.</summary>
public sealed record OrganisationShown(int Id, string Label, bool ValidToday);
