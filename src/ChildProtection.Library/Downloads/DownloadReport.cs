using System.Globalization;
using System.Text;
using ChildProtection.Core.Contents;
using ChildProtection.Library.Data;
using ChildProtection.Organisations;
using Microsoft.EntityFrameworkCore;

namespace ChildProtection.Library.Downloads;

public sealed record ResourceDownloads(string ResourceId, string Title, string? Path, long Total, long BySchools);
public sealed record SchoolDownloads(int OrganisationId, string School, string ResourceId, string Title, long Count);
public sealed record DayDownloads(DateOnly Day, long Count);

public sealed record DownloadReportResult(
    DateOnly From, DateOnly To, long Total,
    IReadOnlyList<ResourceDownloads> Resources, IReadOnlyList<SchoolDownloads> Schools, IReadOnlyList<DayDownloads> Days);

/// <summary>Downloads between two days (inclusive, site time zone): per resource, per school and resource, per day; and as CSV.</summary>
public sealed class DownloadReport(LibraryDbContext db, IContentManager contents, IRecipientDirectory directory)
{
    /// <summary>A year and a day at most: the report reads one indexed range.</summary>
    public const int MaxDays = 366;

    public async Task<DownloadReportResult> GetAsync(DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        var rows = await db.Downloads.AsNoTracking().Where(d => d.Day >= from && d.Day <= to)
            .GroupBy(d => new { d.ResourceId, d.OrganisationId })
            .Select(g => new { g.Key.ResourceId, g.Key.OrganisationId, Count = g.Sum(x => x.Count) })
            .ToListAsync(ct);
        var days = await db.Downloads.AsNoTracking().Where(d => d.Day >= from && d.Day <= to)
            .GroupBy(d => d.Day).Select(g => new { Day = g.Key, Count = g.Sum(x => x.Count) })
            .ToListAsync(ct);

        var titles = new Dictionary<string, (string Title, string? Path)>();
        foreach (var id in rows.Select(r => r.ResourceId).Distinct())
        {
            var item = await contents.GetAsync(id, VersionOptions.Latest, ct);
            titles[id] = item is null ? ($"(đã xoá) {id}", null) : (item.DisplayText, item.Published ? item.Path : (await contents.GetAsync(id, VersionOptions.Published, ct))?.Path);
        }
        var organisationIds = rows.Where(r => r.OrganisationId > 0).Select(r => r.OrganisationId).Distinct().ToList();
        var schools = organisationIds.Count == 0 ? [] : await directory.GetOrganisationsAsync(organisationIds, ct);
        string SchoolName(int id) => schools.FirstOrDefault(s => s.Id == id) is { } s ? s.Label : $"Đơn vị #{id}";

        var resources = rows.GroupBy(r => r.ResourceId)
            .Select(g => new ResourceDownloads(g.Key, titles[g.Key].Title, titles[g.Key].Path, g.Sum(x => x.Count), g.Where(x => x.OrganisationId > 0).Sum(x => x.Count)))
            .OrderByDescending(r => r.Total).ThenBy(r => r.Title, StringComparer.Create(CultureInfo.GetCultureInfo("vi-VN"), false)).ToList();
        var bySchool = rows.Where(r => r.OrganisationId > 0)
            .Select(r => new SchoolDownloads(r.OrganisationId, SchoolName(r.OrganisationId), r.ResourceId, titles[r.ResourceId].Title, r.Count))
            .OrderBy(s => s.School, StringComparer.Create(CultureInfo.GetCultureInfo("vi-VN"), false)).ThenByDescending(s => s.Count).ToList();
        var perDay = days.Select(d => new DayDownloads(d.Day, d.Count)).OrderBy(d => d.Day).ToList();
        return new DownloadReportResult(from, to, resources.Sum(r => r.Total), resources, bySchool, perDay);
    }

    /// <summary>UTF-8 with a byte-order mark (Excel opens Vietnamese correctly), comma-separated, one row per resource and school.</summary>
    public static byte[] Csv(DownloadReportResult report)
    {
        var sb = new StringBuilder();
        sb.Append("Từ ngày,Đến ngày,Mã tài liệu,Tài liệu,Trường / đơn vị,Lượt tải\r\n");
        var from = report.From.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
        var to = report.To.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
        foreach (var r in report.Resources)
        {
            var schoolRows = report.Schools.Where(s => s.ResourceId == r.ResourceId).ToList();
            var anonymous = r.Total - r.BySchools;
            if (anonymous > 0 || schoolRows.Count == 0) Row(sb, from, to, r.ResourceId, r.Title, "(không đăng nhập là trường)", anonymous);
            foreach (var s in schoolRows) Row(sb, from, to, r.ResourceId, r.Title, s.School, s.Count);
        }
        return Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(sb.ToString())).ToArray();
    }

    private static void Row(StringBuilder sb, string from, string to, string id, string title, string school, long count) =>
        sb.Append(string.Join(',', from, to, Cell(id), Cell(title), Cell(school), count.ToString(CultureInfo.InvariantCulture))).Append("\r\n");

    /// <summary>Quoted, and never read as a formula by a spreadsheet (a title may start with "=" or "+").</summary>
    internal static string Cell(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r') value = "'" + value;
        return "\"" + value.Replace("\"", "\"\"") + "\"";
    }
}
