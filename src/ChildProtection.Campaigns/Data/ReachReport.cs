namespace ChildProtection.Campaigns.Data;

/// <summary>
/// One version of a reach report: an activity held for a campaign (kind, day, ward), the sessions held, who
/// took part by group, and what was handed out. A correction never changes a row: it adds the next version
/// of the same <see cref="ReportId"/> and takes <see cref="IsLatest"/> from the previous one, so the history
/// stays and totals read the latest versions only. A withdrawn report is a last version with
/// <see cref="Withdrawn"/> set; totals leave it out. Ward and organisation names are kept as they were
/// when reported (units merge; the report must still say where it happened).
/// </summary>
public sealed class ReachReport
{
    public long Id { get; set; }
    /// <summary>The report's identity across its versions (26 characters, as content item ids).</summary>
    public string ReportId { get; set; } = "";
    public int Version { get; set; }
    public bool IsLatest { get; set; }
    public string CampaignId { get; set; } = "";
    /// <summary>A code of <see cref="Parts.CampaignVocabulary.ActivityKinds"/>.</summary>
    public string ActivityKind { get; set; } = "";
    public DateOnly ActivityDate { get; set; }
    /// <summary>What the activity was, in a line ("Nói chuyện chuyên đề tại Trường Tiểu học Phú Lợi").</summary>
    public string? Title { get; set; }
    public string WardCode { get; set; } = "";
    public string WardName { get; set; } = "";
    /// <summary>The directory organisation that reported (a school, a ward office, an office), when known.</summary>
    public int? OrganisationId { get; set; }
    public string? OrganisationName { get; set; }

    public int Sessions { get; set; }
    public int Children { get; set; }
    public int Parents { get; set; }
    public int Teachers { get; set; }
    public int Others { get; set; }
    public int Posters { get; set; }
    public int Leaflets { get; set; }
    public int Handbooks { get; set; }
    public int HandyItems { get; set; }
    public int OtherMaterials { get; set; }
    /// <summary>People reached through indirect channels (television, loudspeakers, social networks), as estimated.</summary>
    public int IndirectReach { get; set; }

    public bool Withdrawn { get; set; }
    /// <summary>Why this version was made (required for corrections and withdrawals).</summary>
    public string? ChangeNote { get; set; }
    public string? CreatedBy { get; set; }
    public DateTime CreatedUtc { get; set; }

    public int Participants => Children + Parents + Teachers + Others;
    public int Materials => Posters + Leaflets + Handbooks + HandyItems + OtherMaterials;
}

/// <summary>
/// A published item (article, resource, event) linked to campaigns by a topic it carries or by naming a
/// campaign itself (a resource's campaigns). A campaign's page finds its related items here instead of
/// reading every item; content events keep it current.
/// </summary>
public sealed class CampaignLink
{
    public const string TopicKind = "topic";
    public const string CampaignKind = "campaign";

    public string ContentItemId { get; set; } = "";
    /// <summary><see cref="TopicKind"/> or <see cref="CampaignKind"/>.</summary>
    public string LinkKind { get; set; } = "";
    /// <summary>The topic's term id or the campaign's content item id.</summary>
    public string Key { get; set; } = "";
    public string ContentType { get; set; } = "";
    public DateTime PublishedUtc { get; set; }
}
