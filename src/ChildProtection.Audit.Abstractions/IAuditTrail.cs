namespace ChildProtection.Audit;

/// <summary>
/// One thing a person (or a job) did. <see cref="Action"/> is one of <see cref="AuditActions"/> (or a
/// module's own name); the subject is what it was done to: an item id, a role name, a settings page.
/// </summary>
public sealed record AuditEntry(string Action, string? Actor)
{
    /// <summary>"Content", "Security", "Settings" …: what the filters group by.</summary>
    public string Category { get; init; } = AuditCategories.Content;
    /// <summary>The id of what was acted on (a content item id, a role name, a user name).</summary>
    public string? SubjectId { get; init; }
    /// <summary>What it is called, as it was at the time (an item's title).</summary>
    public string? SubjectTitle { get; init; }
    /// <summary>Free text: the reason given, the permissions added and removed, the version restored.</summary>
    public string? Detail { get; init; }
    /// <summary>The remote address for sign-ins.</summary>
    public string? Address { get; init; }
}

/// <summary>Records entries in the site's audit trail. Recording never throws at the caller: a trail that cannot be written is logged.</summary>
public interface IAuditTrail
{
    Task RecordAsync(AuditEntry entry, CancellationToken cancellationToken = default);
}

public static class AuditCategories
{
    public const string Content = "Content";
    public const string Review = "Review";
    public const string Security = "Security";
    public const string Settings = "Settings";
}

/// <summary>The actions the audit screen knows by name (and translates); modules may record others.</summary>
public static class AuditActions
{
    public const string Created = "Created";
    public const string Edited = "Edited";
    public const string Submitted = "Submitted";
    public const string Approved = "Approved";
    public const string Returned = "Returned";
    public const string Scheduled = "Scheduled";
    public const string ScheduleCancelled = "ScheduleCancelled";
    public const string Published = "Published";
    public const string Unpublished = "Unpublished";
    public const string Withdrawn = "Withdrawn";
    public const string Removed = "Removed";
    public const string RestoredFromBin = "RestoredFromBin";
    public const string VersionRestored = "VersionRestored";
    public const string SignedIn = "SignedIn";
    public const string SignInFailed = "SignInFailed";
    public const string RoleChanged = "RoleChanged";
    public const string UserRolesChanged = "UserRolesChanged";
    public const string UserCreated = "UserCreated";
    /// <summary>The directory organisation an account speaks for was given, changed or taken away.</summary>
    public const string UserOrganisationChanged = "UserOrganisationChanged";
    public const string SettingsChanged = "SettingsChanged";
    /// <summary>A school, ward, office or editor reported what a campaign activity reached.</summary>
    public const string ReachReported = "ReachReported";
    /// <summary>A reach report was corrected: a new version, the old one kept.</summary>
    public const string ReachCorrected = "ReachCorrected";
    /// <summary>A reach report was withdrawn (entered by mistake or twice): totals leave it out.</summary>
    public const string ReachWithdrawn = "ReachWithdrawn";
    public const string PasswordChanged = "PasswordChanged";
    public const string PasswordResetRequested = "PasswordResetRequested";
    public const string PasswordReset = "PasswordReset";
    public const string TwoFactorEnabled = "TwoFactorEnabled";
    public const string TwoFactorDisabled = "TwoFactorDisabled";
    /// <summary>An administrator removed somebody's second factor (a lost phone).</summary>
    public const string TwoFactorReset = "TwoFactorReset";
    public const string RecoveryCodesGenerated = "RecoveryCodesGenerated";
    public const string RecoveryCodeUsed = "RecoveryCodeUsed";
    /// <summary>An image was marked (or unmarked) as showing identifiable children, or its consent record changed.</summary>
    public const string MediaConsentChanged = "MediaConsentChanged";

    public static readonly string[] All =
    [
        Created, Edited, Submitted, Approved, Returned, Scheduled, ScheduleCancelled, Published, Unpublished, Withdrawn,
        Removed, RestoredFromBin, VersionRestored, SignedIn, SignInFailed, RoleChanged, UserRolesChanged, UserCreated, UserOrganisationChanged,
        SettingsChanged, ReachReported, ReachCorrected, ReachWithdrawn,
        PasswordChanged, PasswordResetRequested, PasswordReset, TwoFactorEnabled, TwoFactorDisabled, TwoFactorReset, RecoveryCodesGenerated, RecoveryCodeUsed,
        MediaConsentChanged,
    ];
}
