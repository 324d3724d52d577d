using ChildProtection.Notices.Data;
using Microsoft.EntityFrameworkCore;

namespace ChildProtection.Notices.Replies;

/// <summary>One organisation on the reply report: its last version (null when it has not replied).</summary>
public sealed record ReplyRow(int OrganisationId, string OrganisationCode, string OrganisationName, NoticeReply? Last)
{
    public bool Replied => Last is not null;
    public string? WardName => Last?.WardName;
}

/// <summary>The figures of one ward or commune: numbers summed, choices counted, over the last version of each reply.</summary>
public sealed class WardFigures(string? wardCode, string? wardName)
{
    public string? WardCode { get; } = wardCode;
    public string? WardName { get; } = wardName;
    public int Replies { get; set; }
    public Dictionary<int, decimal> Sums { get; } = [];
    public Dictionary<int, Dictionary<string, int>> Counts { get; } = [];

    public decimal Sum(int fieldId) => Sums.GetValueOrDefault(fieldId);
    public int Count(int fieldId, string option) => Counts.TryGetValue(fieldId, out var c) ? c.GetValueOrDefault(option) : 0;

    internal void Add(NoticeReply reply, IReadOnlyList<NoticeReplyField> fields)
    {
        Replies++;
        foreach (var field in fields)
        {
            var value = reply.Values.FirstOrDefault(v => v.FieldId == field.Id);
            if (field.Kind == ReplyFieldKind.Number && value?.Number is { } n) Sums[field.Id] = Sum(field.Id) + n;
            if (field.Kind == ReplyFieldKind.Choice && value?.Text is { } t)
            {
                if (!Counts.TryGetValue(field.Id, out var c)) Counts[field.Id] = c = new(StringComparer.Ordinal);
                c[t] = c.GetValueOrDefault(t) + 1;
            }
        }
    }
}

public sealed record ReplySummary(
    IReadOnlyList<NoticeReplyField> Fields, IReadOnlyList<ReplyRow> Rows, IReadOnlyList<WardFigures> Wards, WardFigures Total)
{
    public int Replied => Rows.Count(r => r.Replied);
    public int Awaited => Rows.Count(r => !r.Replied);
    public bool HasFigures => Fields.Any(f => f.Kind is ReplyFieldKind.Number or ReplyFieldKind.Choice);
}

/// <summary>
/// Who replied and what, for the report and the exports: every organisation the notice reached (one row
/// per organisation, whatever its number of addresses) with its last version, and the figures per ward.
/// Numbers are summed here rather than in SQL: Sqlite keeps decimals as text and cannot sum them, and a
/// notice reaches a few thousand organisations at most.
/// </summary>
public sealed class ReplyReport(NoticesDbContext db)
{
    public async Task<ReplySummary> BuildAsync(int noticeId, CancellationToken cancellationToken)
    {
        var fields = await db.NoticeReplyFields.AsNoTracking().Where(f => f.NoticeId == noticeId).OrderBy(f => f.Position).ThenBy(f => f.Id).ToListAsync(cancellationToken);
        var organisations = (await db.NoticeRecipients.AsNoTracking().Where(r => r.NoticeId == noticeId && r.Status != DeliveryStatus.Cancelled)
                .Select(r => new { r.OrganisationId, r.OrganisationCode, r.OrganisationName }).ToListAsync(cancellationToken))
            .DistinctBy(o => o.OrganisationId).ToList();
        var versions = await db.NoticeReplies.AsNoTracking().Where(r => r.NoticeId == noticeId)
            .Select(r => new { r.Id, r.OrganisationId, r.Version }).ToListAsync(cancellationToken);
        var lastIds = versions.GroupBy(v => v.OrganisationId).Select(g => g.MaxBy(v => v.Version)!.Id).ToList();
        var last = new Dictionary<int, NoticeReply>();
        foreach (var chunk in lastIds.Chunk(500))
            foreach (var reply in await db.NoticeReplies.AsNoTracking().Include(r => r.Values).Where(r => chunk.Contains(r.Id)).ToListAsync(cancellationToken))
                last[reply.OrganisationId] = reply;
        var rows = organisations.Select(o => new ReplyRow(o.OrganisationId, o.OrganisationCode, o.OrganisationName, last.GetValueOrDefault(o.OrganisationId)))
            // A reply from an organisation no longer on the ledger (a cancelled row) still counts.
            .Concat(last.Values.Where(r => organisations.All(o => o.OrganisationId != r.OrganisationId)).Select(r => new ReplyRow(r.OrganisationId, "", "", r)))
            .OrderBy(r => r.OrganisationName, StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("vi-VN"), false)).ToList();
        var wards = new Dictionary<string, WardFigures>(StringComparer.Ordinal);
        var total = new WardFigures(null, null);
        foreach (var reply in last.Values)
        {
            var key = reply.WardCode ?? reply.WardName ?? "";
            if (!wards.TryGetValue(key, out var ward)) wards[key] = ward = new WardFigures(reply.WardCode, reply.WardName);
            ward.Add(reply, fields);
            total.Add(reply, fields);
        }
        var culture = StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("vi-VN"), false);
        return new ReplySummary(fields, rows, wards.Values.OrderBy(w => w.WardName is null).ThenBy(w => w.WardName ?? "", culture).ToList(), total);
    }
}
