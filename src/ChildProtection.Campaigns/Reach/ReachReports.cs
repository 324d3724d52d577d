using ChildProtection.Core.Caching;
using ChildProtection.Audit;
using ChildProtection.Campaigns.Data;
using ChildProtection.Campaigns.Parts;
using ChildProtection.Core.Contents;
using ChildProtection.Core.Settings;
using ChildProtection.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ChildProtection.Campaigns.Reach;

/// <summary>What became of a report, a correction or a withdrawal: the stored version, or why nothing was stored.</summary>
public sealed record ReachResult(ReachReport? Report, IReadOnlyList<ReachError> Errors)
{
    public bool Succeeded => Report is not null && Errors.Count == 0;
    public static ReachResult Fail(string field, string message, params object[] args) => new(null, [new ReachError(field, message, args)]);
}

/// <summary>
/// Reach reports: new reports, corrections (a new version; the old one stays) and withdrawals, each checked
/// whole before anything is written and written in one transaction, then recorded in the audit trail.
/// Totals and lists read the latest version of each report.
/// </summary>
public sealed class ReachReports(
    CampaignsDbContext db,
    IContentManager contents,
    ISiteSettingsService settings,
    IAuditTrail audit,
    IPublicPageCache pages,
    ILogger<ReachReports> logger,
    IRecipientDirectory? directory = null)
{
    public const string ReportedAction = AuditActions.ReachReported;
    public const string CorrectedAction = AuditActions.ReachCorrected;
    public const string WithdrawnAction = AuditActions.ReachWithdrawn;

    public async Task<ReachResult> SubmitAsync(string campaignId, ReachForm form, Reporter reporter, CancellationToken cancellationToken = default)
    {
        if (!reporter.MayReport) return ReachResult.Fail("", "You may not report campaign activities.");
        var campaign = await CampaignAsync(campaignId, cancellationToken);
        if (campaign is null) return ReachResult.Fail("", "The campaign does not exist.");
        var checkedReport = await new ReachValidator(directory).CheckAsync(campaign.ContentItemId, CampaignData.From(campaign), form, reporter, await TodayAsync(cancellationToken), null, cancellationToken);
        if (!checkedReport.Succeeded) return new ReachResult(null, checkedReport.Errors);

        var row = checkedReport.Report!;
        row.ReportId = IdGenerator.NewId();
        row.Version = 1;
        row.IsLatest = true;
        row.CreatedBy = reporter.UserName;
        row.CreatedUtc = DateTime.UtcNow;
        db.Reports.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        await RecordAsync(ReportedAction, reporter, row, campaign, row.ChangeNote);
        return new ReachResult(row, []);
    }

    /// <param name="expectedVersion">The version the person corrected; another correction made meanwhile refuses this one.</param>
    public async Task<ReachResult> CorrectAsync(string reportId, int expectedVersion, ReachForm form, Reporter reporter, CancellationToken cancellationToken = default)
    {
        var latest = await LatestAsync(reportId, cancellationToken);
        if (latest is null) return ReachResult.Fail("", "The report does not exist.");
        if (!reporter.MayReport || !reporter.Owns(latest)) return ReachResult.Fail("", "You may correct only your own organisation's reports.");
        if (latest.Withdrawn) return ReachResult.Fail("", "The report has been withdrawn; report the activity again if it took place.");
        if (latest.Version != expectedVersion) return ReachResult.Fail("", "Someone changed this report meanwhile (it is now at version {0}): look at the new figures and make your correction again.", latest.Version);
        var campaign = await CampaignAsync(latest.CampaignId, cancellationToken);
        if (campaign is null) return ReachResult.Fail("", "The campaign does not exist.");
        var checkedReport = await new ReachValidator(directory).CheckAsync(campaign.ContentItemId, CampaignData.From(campaign), form, reporter, await TodayAsync(cancellationToken), latest, cancellationToken);
        if (!checkedReport.Succeeded) return new ReachResult(null, checkedReport.Errors);

        var row = checkedReport.Report!;
        var stored = await AddVersionAsync(latest, row, reporter, cancellationToken);
        if (stored is null) return ReachResult.Fail("", "Someone changed this report meanwhile: look at the new figures and make your correction again.");
        await RecordAsync(CorrectedAction, reporter, stored, campaign, $"v{latest.Version} → v{stored.Version}: {stored.ChangeNote}");
        return new ReachResult(stored, []);
    }

    public async Task<ReachResult> WithdrawAsync(string reportId, int expectedVersion, string? reason, Reporter reporter, CancellationToken cancellationToken = default)
    {
        var latest = await LatestAsync(reportId, cancellationToken);
        if (latest is null) return ReachResult.Fail("", "The report does not exist.");
        if (!reporter.MayReport || !reporter.Owns(latest)) return ReachResult.Fail("", "You may correct only your own organisation's reports.");
        if (latest.Withdrawn) return ReachResult.Fail("", "The report has been withdrawn already.");
        if (latest.Version != expectedVersion) return ReachResult.Fail("", "Someone changed this report meanwhile (it is now at version {0}): look at the new figures and make your correction again.", latest.Version);
        var note = reason?.Trim();
        if (string.IsNullOrEmpty(note)) return ReachResult.Fail(nameof(ReachForm.Note), "Say why the report is withdrawn.");
        if (note.Length > ReachValidator.MaxNote) return ReachResult.Fail(nameof(ReachForm.Note), "At most {0} characters.", ReachValidator.MaxNote);

        var row = Copy(latest);
        row.Withdrawn = true;
        row.ChangeNote = note.Normalize(System.Text.NormalizationForm.FormC);
        var stored = await AddVersionAsync(latest, row, reporter, cancellationToken);
        if (stored is null) return ReachResult.Fail("", "Someone changed this report meanwhile: look at the new figures and make your correction again.");
        var campaign = await CampaignAsync(latest.CampaignId, cancellationToken);
        await RecordAsync(WithdrawnAction, reporter, stored, campaign, stored.ChangeNote);
        return new ReachResult(stored, []);
    }

    /// <summary>
    /// Writes the next version in one transaction: the previous latest loses the flag only if it still has it
    /// (a conditional update), and the unique (report, version) index stops two corrections of one version.
    /// </summary>
    private async Task<ReachReport?> AddVersionAsync(ReachReport latest, ReachReport row, Reporter reporter, CancellationToken cancellationToken)
    {
        row.Id = 0;
        row.ReportId = latest.ReportId;
        row.CampaignId = latest.CampaignId;
        row.Version = latest.Version + 1;
        row.IsLatest = true;
        row.CreatedBy = reporter.UserName;
        row.CreatedUtc = DateTime.UtcNow;
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            var taken = await db.Reports.Where(r => r.ReportId == latest.ReportId && r.Version == latest.Version && r.IsLatest)
                .ExecuteUpdateAsync(u => u.SetProperty(r => r.IsLatest, false), cancellationToken);
            if (taken != 1)
            {
                await tx.RollbackAsync(cancellationToken);
                return null;
            }
            db.Reports.Add(row);
            await db.SaveChangesAsync(cancellationToken);
            await tx.CommitAsync(cancellationToken);
            return row;
        }
        catch (DbUpdateException ex)
        {
            logger.LogInformation(ex, "A second correction of report {Report} version {Version} was refused", latest.ReportId, latest.Version);
            await tx.RollbackAsync(CancellationToken.None);
            return null;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    public Task<ReachReport?> LatestAsync(string reportId, CancellationToken cancellationToken = default) =>
        reportId.Length is 0 or > 26 ? Task.FromResult<ReachReport?>(null)
            : db.Reports.AsNoTracking().Where(r => r.ReportId == reportId && r.IsLatest).FirstOrDefaultAsync(cancellationToken);

    /// <summary>Every version of a report, the newest first.</summary>
    public async Task<IReadOnlyList<ReachReport>> HistoryAsync(string reportId, CancellationToken cancellationToken = default) =>
        reportId.Length is 0 or > 26 ? [] : await db.Reports.AsNoTracking().Where(r => r.ReportId == reportId).OrderByDescending(r => r.Version).ToListAsync(cancellationToken);

    /// <summary>A campaign's reports as they stand (latest versions, withdrawn ones too when asked), newest activity first.</summary>
    public async Task<PagedResult<ReachReport>> ListAsync(string campaignId, ReachListFilter filter, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        var query = Filtered(campaignId, filter);
        var total = await query.CountAsync(cancellationToken);
        page = Math.Max(1, page);
        var items = await query.OrderByDescending(r => r.ActivityDate).ThenByDescending(r => r.Id)
            .Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new PagedResult<ReachReport>(items, total, page, pageSize);
    }

    /// <summary>Every report of the filter as it stands, for an export (reports are counted in thousands, not millions).</summary>
    public async Task<IReadOnlyList<ReachReport>> AllAsync(string campaignId, ReachListFilter filter, CancellationToken cancellationToken = default) =>
        await Filtered(campaignId, filter).OrderBy(r => r.ActivityDate).ThenBy(r => r.Id).ToListAsync(cancellationToken);

    /// <summary>Reports as they stand across campaigns, the latest entered first: one organisation's, or everyone's.</summary>
    public async Task<IReadOnlyList<ReachReport>> RecentAsync(int? organisationId, int take, CancellationToken cancellationToken = default)
    {
        var query = db.Reports.AsNoTracking().Where(r => r.IsLatest);
        if (organisationId is { } org) query = query.Where(r => r.OrganisationId == org);
        return await query.OrderByDescending(r => r.CreatedUtc).ThenByDescending(r => r.Id).Take(take).ToListAsync(cancellationToken);
    }

    private IQueryable<ReachReport> Filtered(string campaignId, ReachListFilter filter)
    {
        var query = db.Reports.AsNoTracking().Where(r => r.CampaignId == campaignId && r.IsLatest);
        if (!filter.IncludeWithdrawn) query = query.Where(r => !r.Withdrawn);
        if (filter.WardCode is { Length: > 0 } ward) query = query.Where(r => r.WardCode == ward);
        if (filter.OrganisationId is { } org) query = query.Where(r => r.OrganisationId == org);
        return query;
    }

    private async Task<ContentItem?> CampaignAsync(string campaignId, CancellationToken cancellationToken)
    {
        if (campaignId.Length is 0 or > 26) return null;
        var item = await contents.GetAsync(campaignId, VersionOptions.Published, cancellationToken);
        return item?.ContentType == CampaignData.TypeName ? item : null;
    }

    private async Task<DateOnly> TodayAsync(CancellationToken cancellationToken) =>
        Public.CampaignCatalog.Today(await settings.GetAsync(cancellationToken));

    private async Task RecordAsync(string action, Reporter reporter, ReachReport row, ContentItem? campaign, string? detail)
    {
        // The campaign's public page shows its totals.
        await pages.EvictAsync([PageCacheTags.Item(row.CampaignId)], CancellationToken.None);
        await audit.RecordAsync(new AuditEntry(action, reporter.UserName)
        {
            Category = AuditCategories.Content,
            SubjectId = row.ReportId,
            SubjectTitle = $"{campaign?.DisplayText ?? row.CampaignId} – {row.WardName} – {CampaignData.Format(row.ActivityDate)}",
            Detail = detail,
        });
    }

    private static ReachReport Copy(ReachReport r) => new()
    {
        CampaignId = r.CampaignId, ActivityKind = r.ActivityKind, ActivityDate = r.ActivityDate, Title = r.Title,
        WardCode = r.WardCode, WardName = r.WardName, OrganisationId = r.OrganisationId, OrganisationName = r.OrganisationName,
        Sessions = r.Sessions, Children = r.Children, Parents = r.Parents, Teachers = r.Teachers, Others = r.Others,
        Posters = r.Posters, Leaflets = r.Leaflets, Handbooks = r.Handbooks, HandyItems = r.HandyItems, OtherMaterials = r.OtherMaterials,
        IndirectReach = r.IndirectReach,
    };
}

public sealed record ReachListFilter(string? WardCode = null, int? OrganisationId = null, bool IncludeWithdrawn = false);
