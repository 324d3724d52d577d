using ChildProtection.Campaigns.Data;
using ChildProtection.Campaigns.Parts;
using Microsoft.EntityFrameworkCore;

namespace ChildProtection.Campaigns.Reach;

/// <summary>Sums over reports as they stand: latest versions, withdrawn ones left out.</summary>
public sealed record ReachFigures(
    int Reports, long Sessions, long Children, long Parents, long Teachers, long Others,
    long Posters, long Leaflets, long Handbooks, long HandyItems, long OtherMaterials, long IndirectReach)
{
    public static readonly ReachFigures Zero = new(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    public long Participants => Children + Parents + Teachers + Others;
    public long Materials => Posters + Leaflets + Handbooks + HandyItems + OtherMaterials;

    public static ReachFigures operator +(ReachFigures a, ReachFigures b) => new(
        a.Reports + b.Reports, a.Sessions + b.Sessions, a.Children + b.Children, a.Parents + b.Parents, a.Teachers + b.Teachers, a.Others + b.Others,
        a.Posters + b.Posters, a.Leaflets + b.Leaflets, a.Handbooks + b.Handbooks, a.HandyItems + b.HandyItems, a.OtherMaterials + b.OtherMaterials,
        a.IndirectReach + b.IndirectReach);

    /// <summary>Participants by group, in the vocabulary's order and words.</summary>
    public IReadOnlyList<(string Label, long Value)> ByGroup() =>
        [("Trẻ em", Children), ("Cha mẹ", Parents), ("Giáo viên", Teachers), ("Người khác", Others)];

    /// <summary>Materials handed out by kind.</summary>
    public IReadOnlyList<(string Label, long Value)> ByMaterial() =>
        CampaignVocabulary.MaterialKinds.Select(k => (k.Text, k.Value switch
        {
            "posters" => Posters, "leaflets" => Leaflets, "handbooks" => Handbooks, "handy-items" => HandyItems, _ => OtherMaterials,
        })).ToList();
}

public sealed record WardReach(string WardCode, string WardName, ReachFigures Figures);
public sealed record KindReach(string Kind, string KindText, ReachFigures Figures);
public sealed record CampaignReach(ReachFigures Total, IReadOnlyList<WardReach> Wards, IReadOnlyList<KindReach> Kinds)
{
    public bool IsEmpty => Total.Reports == 0;
}

/// <summary>Totals of one campaign (per ward, per kind of activity) and of every campaign, summed by the database.</summary>
public sealed class ReachTotals(CampaignsDbContext db)
{
    private sealed record Row(string Key, string Name, int Reports, long Sessions, long Children, long Parents, long Teachers, long Others,
        long Posters, long Leaflets, long Handbooks, long HandyItems, long OtherMaterials, long IndirectReach)
    {
        public ReachFigures Figures => new(Reports, Sessions, Children, Parents, Teachers, Others, Posters, Leaflets, Handbooks, HandyItems, OtherMaterials, IndirectReach);
    }

    public async Task<CampaignReach> ForCampaignAsync(string campaignId, CancellationToken cancellationToken = default)
    {
        var current = db.Reports.AsNoTracking().Where(r => r.CampaignId == campaignId && r.IsLatest && !r.Withdrawn);
        var wards = await Sum(current.GroupBy(r => r.WardCode)).ToListAsync(cancellationToken);
        var kinds = await Sum(current.GroupBy(r => r.ActivityKind)).ToListAsync(cancellationToken);
        var total = wards.Aggregate(ReachFigures.Zero, (sum, w) => sum + w.Figures);
        return new CampaignReach(
            total,
            wards.Select(w => new WardReach(w.Key, w.Name, w.Figures)).OrderByDescending(w => w.Figures.Participants).ThenBy(w => w.WardName, StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("vi-VN"), false)).ToList(),
            kinds.Select(k => new KindReach(k.Key, CampaignVocabulary.ActivityText(k.Key), k.Figures)).OrderByDescending(k => k.Figures.Reports).ThenBy(k => k.Kind).ToList());
    }

    /// <summary>Each campaign's totals, for the overview.</summary>
    public async Task<IReadOnlyDictionary<string, ReachFigures>> ByCampaignAsync(CancellationToken cancellationToken = default)
    {
        var rows = await Sum(db.Reports.AsNoTracking().Where(r => r.IsLatest && !r.Withdrawn).GroupBy(r => r.CampaignId)).ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.Key, r => r.Figures);
    }

    // The ward's name as the latest reports give it (a ward renamed in the directory keeps one line).
    private static IQueryable<Row> Sum(IQueryable<IGrouping<string, ReachReport>> groups) =>
        groups.Select(g => new Row(
            g.Key, g.Max(r => r.WardName)!, g.Count(),
            g.Sum(r => (long)r.Sessions), g.Sum(r => (long)r.Children), g.Sum(r => (long)r.Parents), g.Sum(r => (long)r.Teachers), g.Sum(r => (long)r.Others),
            g.Sum(r => (long)r.Posters), g.Sum(r => (long)r.Leaflets), g.Sum(r => (long)r.Handbooks), g.Sum(r => (long)r.HandyItems), g.Sum(r => (long)r.OtherMaterials),
            g.Sum(r => (long)r.IndirectReach)));
}
