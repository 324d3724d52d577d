using System.Globalization;
using ChildProtection.Campaigns.Data;
using ChildProtection.Campaigns.Parts;
using ChildProtection.Organisations;

namespace ChildProtection.Campaigns.Reach;

/// <summary>
/// Checks a typed report against its campaign and the directory and turns it into a row to store: the kind
/// is one of the vocabulary's, the day a real day within the campaign and not yet to come, the ward a ward
/// or commune of the directory that existed on that day (and one the campaign covers), every count a whole
/// number from 0 to a million, and at least one figure given. Nothing is stored by checking.
/// </summary>
internal sealed partial class ReachValidator(IRecipientDirectory? directory)
{
    [System.Text.RegularExpressions.GeneratedRegex(@"^-?\d{1,3}(\.\d{3})+$")]
    private static partial System.Text.RegularExpressions.Regex ThousandsWithDots();

    public const int MaxCount = 1_000_000;
    public const int MaxTitle = 300;
    public const int MaxNote = 1000;

    public sealed record Outcome(ReachReport? Report, IReadOnlyList<ReachError> Errors)
    {
        public bool Succeeded => Report is not null && Errors.Count == 0;
    }

    /// <param name="correction">The report being corrected (its latest version), or null for a new one.</param>
    public async Task<Outcome> CheckAsync(string campaignId, CampaignData campaign, ReachForm form, Reporter reporter, DateOnly today,
        ReachReport? correction, CancellationToken cancellationToken)
    {
        var errors = new List<ReachError>();
        var row = new ReachReport { CampaignId = campaignId };

        var kind = form.Kind?.Trim();
        if (!CampaignVocabulary.IsActivity(kind)) errors.Add(new(nameof(form.Kind), "Choose the kind of activity."));
        else row.ActivityKind = kind!;

        var day = ReadDay(form.Date, errors);
        if (day is { } d)
        {
            row.ActivityDate = d;
            if (!campaign.Covers(d)) errors.Add(new(nameof(form.Date), "The day {0} is outside the campaign ({1}).", CampaignData.Format(d), campaign.PeriodText));
            else if (d > today) errors.Add(new(nameof(form.Date), "The day {0} has not come yet: report an activity once it has taken place.", CampaignData.Format(d)));
        }

        var title = form.Title?.Trim();
        if (title is { Length: > MaxTitle }) errors.Add(new(nameof(form.Title), "At most {0} characters.", MaxTitle));
        else row.Title = string.IsNullOrEmpty(title) ? null : title.Normalize(System.Text.NormalizationForm.FormC);

        var note = form.Note?.Trim();
        if (note is { Length: > MaxNote }) errors.Add(new(nameof(form.Note), "At most {0} characters.", MaxNote));
        else row.ChangeNote = string.IsNullOrEmpty(note) ? null : note.Normalize(System.Text.NormalizationForm.FormC);
        if (correction is not null && row.ChangeNote is null && errors.All(e => e.Field != nameof(form.Note)))
            errors.Add(new(nameof(form.Note), "Say why the report is corrected."));

        ReadCounts(form, row, errors);

        var organisation = await OrganisationAsync(form, reporter, correction, errors, cancellationToken);
        if (organisation is not null)
        {
            row.OrganisationId = organisation.Id;
            row.OrganisationName = organisation.Label;
        }
        else if (correction is not null && (!reporter.MayActForOthers || string.IsNullOrWhiteSpace(form.OrganisationCode)))
        {
            // A correction keeps who reported unless an editor names another organisation.
            row.OrganisationId = correction.OrganisationId;
            row.OrganisationName = correction.OrganisationName;
        }

        var wardCode = (reporter.FixedWardCode ?? (organisation?.Kind == OrganisationKind.School && string.IsNullOrWhiteSpace(form.WardCode) ? organisation.WardCode : null) ?? form.WardCode)?.Trim().ToUpperInvariant();
        await CheckWardAsync(wardCode, day, campaign, row, errors, cancellationToken);

        return new Outcome(errors.Count == 0 ? row : null, errors);
    }

    private static DateOnly? ReadDay(string? text, List<ReachError> errors)
    {
        var value = text?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            errors.Add(new(nameof(ReachForm.Date), "Enter the day of the activity."));
            return null;
        }
        if (DateOnly.TryParseExact(value, ["yyyy-MM-dd", "dd/MM/yyyy", "d/M/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)) return day;
        errors.Add(new(nameof(ReachForm.Date), "\"{0}\" is not a date. Use dd/mm/yyyy.", value.Length > 40 ? value[..40] : value));
        return null;
    }

    private static void ReadCounts(ReachForm form, ReachReport row, List<ReachError> errors)
    {
        var values = new Dictionary<string, int>();
        var before = errors.Count;
        foreach (var (field, label, text) in form.Counts())
        {
            var value = (text ?? "").Trim().Replace(" ", "").Replace("\u00A0", "");
            if (value.Length == 0) { values[field] = 0; continue; }
            // Vietnamese writes thousands with dots (1.200); a comma is a decimal point (1,5), not a whole number.
            if (ThousandsWithDots().IsMatch(value)) value = value.Replace(".", "");
            if (value.StartsWith('-') && long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
            {
                errors.Add(new(field, "{0} cannot be negative.", new LocalizedLabel(label)));
                continue;
            }
            if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                errors.Add(new(field, "{0} must be a whole number.", new LocalizedLabel(label)));
                continue;
            }
            if (number > MaxCount)
            {
                errors.Add(new(field, "{0} is too large (at most {1}).", new LocalizedLabel(label), MaxCount.ToString("N0", CultureInfo.GetCultureInfo("vi-VN"))));
                continue;
            }
            values[field] = (int)number;
        }
        int V(string f) => values.GetValueOrDefault(f);
        row.Sessions = V(nameof(form.Sessions));
        row.Children = V(nameof(form.Children));
        row.Parents = V(nameof(form.Parents));
        row.Teachers = V(nameof(form.Teachers));
        row.Others = V(nameof(form.Others));
        row.Posters = V(nameof(form.Posters));
        row.Leaflets = V(nameof(form.Leaflets));
        row.Handbooks = V(nameof(form.Handbooks));
        row.HandyItems = V(nameof(form.HandyItems));
        row.OtherMaterials = V(nameof(form.OtherMaterials));
        row.IndirectReach = V(nameof(form.IndirectReach));
        if (errors.Count == before && (long)row.Sessions + row.Participants + row.Materials + row.IndirectReach == 0)
            errors.Add(new("", "The report has no figures: enter the sessions held, the participants or the materials handed out."));
    }

    /// <summary>The organisation a new report is made for, or the one an editor names; null when a correction keeps its own.</summary>
    private async Task<OrganisationInfo?> OrganisationAsync(ReachForm form, Reporter reporter, ReachReport? correction, List<ReachError> errors, CancellationToken ct)
    {
        if (!reporter.MayActForOthers)
        {
            if (correction is not null) return null;
            if (reporter.Organisation is null)
                errors.Add(new("", "Your account speaks for no school, ward or office: ask the administrator to set its organisation (Đơn vị) before reporting."));
            return reporter.Organisation;
        }
        var code = form.OrganisationCode?.Trim();
        if (string.IsNullOrEmpty(code)) return null;
        var found = directory is null || code.Length > 64 ? null : await directory.GetOrganisationByCodeAsync(code, ct);
        if (found is null) errors.Add(new(nameof(form.OrganisationCode), "The directory has no organisation with the code \"{0}\".", code.Length > 64 ? code[..64] : code));
        return found;
    }

    private async Task CheckWardAsync(string? code, DateOnly? day, CampaignData campaign, ReachReport row, List<ReachError> errors, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(code))
        {
            errors.Add(new(nameof(ReachForm.WardCode), "Choose the ward or commune."));
            return;
        }
        var ward = directory is null || code.Length > 64 ? null : await directory.GetOrganisationByCodeAsync(code, ct);
        if (ward is null)
        {
            errors.Add(new(nameof(ReachForm.WardCode), "The directory has no ward or commune with the code \"{0}\".", code.Length > 64 ? code[..64] : code));
            return;
        }
        if (ward.Kind is not (OrganisationKind.Ward or OrganisationKind.Commune))
        {
            errors.Add(new(nameof(ReachForm.WardCode), "{0} is not a ward or commune.", ward.Label));
            return;
        }
        if (day is { } d && !ward.IsValidOn(d))
        {
            errors.Add(ward.SuccessorName is { } successor
                ? new(nameof(ReachForm.WardCode), "{0} did not exist on {1}; its area is now {2}.", ward.Name, CampaignData.Format(d), successor)
                : new(nameof(ReachForm.WardCode), "{0} did not exist on {1}.", ward.Name, CampaignData.Format(d)));
            return;
        }
        if (campaign.WardCodes.Count > 0 && !campaign.WardCodes.Contains(ward.Code, StringComparer.OrdinalIgnoreCase))
        {
            errors.Add(new(nameof(ReachForm.WardCode), "{0} is not one of the wards and communes this campaign covers.", ward.Name));
            return;
        }
        row.WardCode = ward.Code;
        row.WardName = ward.Name;
    }
}

/// <summary>An argument of a message that is itself a resource key (a field's label): the page localizes it before formatting.</summary>
public sealed record LocalizedLabel(string Key)
{
    public override string ToString() => Key;
}
