using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChildProtection.Campaigns.Data;
using ChildProtection.Campaigns.Parts;
using ChildProtection.Core.Contents;
using ChildProtection.Core.Recipes;
using ChildProtection.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Campaigns.Recipes;

/// <summary>
/// The ReachReports step: reach reports of campaigns, as sample data or moved between sites.
/// <code>
/// {"name":"ReachReports","Reports":[{"Id":"mauduoinuoc2025a","CampaignId":"campaigndrowning","Kind":"talk","Date":"2025-07-25",
///   "Title":"…","Ward":"P-TDM","WardName":"Phường Thủ Dầu Một","Organisation":"TH-PHUCUONG","OrganisationName":"…",
///   "Sessions":2,"Children":180,"Parents":40,"Teachers":12,"Others":0,"Posters":20,"Leaflets":300,"Handbooks":0,
///   "HandyItems":0,"OtherMaterials":0,"IndirectReach":0,"Note":"…"}]}
/// </code>
/// Each report is checked as the form checks it (kind, a day within its campaign, counts from 0 to a
/// million); a report whose id exists is left alone, so applying twice is safe. A ward the directory does
/// not know yet (a fresh site's sample data, or a directory step of the same recipe, written after the
/// recipe commits) needs its <c>WardName</c>, kept as the report's snapshot as every report keeps one.
/// Reports are written after the recipe commits, in one transaction of their own.
/// </summary>
public sealed class ReachReportsStep : IRecipeStep
{
    private static readonly string[] Counts =
        ["Sessions", "Children", "Parents", "Teachers", "Others", "Posters", "Leaflets", "Handbooks", "HandyItems", "OtherMaterials", "IndirectReach"];
    private static readonly HashSet<string> Known = new(
        ["Id", "CampaignId", "Kind", "Date", "Title", "Ward", "WardName", "Organisation", "OrganisationName", "Note", .. Counts], StringComparer.Ordinal);

    public string Name => "ReachReports";
    public int ExportOrder => 70;

    public async Task ExecuteAsync(RecipeStepContext ctx)
    {
        foreach (var (key, _) in ctx.Step)
            if (key is not ("name" or "Reports")) ctx.Error(key, "Unknown property \"{0}\" in the ReachReports step.", key);
        if (ctx.Step["Reports"] is not JsonArray list)
        {
            ctx.Error("Reports", "Reports must be a list.");
            return;
        }
        var contents = ctx.Services.GetRequiredService<IContentManager>();
        var directory = ctx.Services.GetService<IRecipientDirectory>();
        var rows = new List<ReachReport>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < list.Count; i++)
        {
            var path = $"Reports[{i}]";
            if (list[i] is not JsonObject o) { ctx.Error(path, "Each report is an object."); continue; }
            foreach (var (key, _) in o)
                if (!Known.Contains(key)) ctx.Error($"{path}.{key}", "Unknown property \"{0}\".", key);
            var row = new ReachReport { Version = 1, IsLatest = true, CreatedBy = ctx.User, CreatedUtc = DateTime.UtcNow };

            var id = Text(o["Id"]);
            if (id is null || id.Length > 26 || !id.All(char.IsAsciiLetterOrDigit)) ctx.Error($"{path}.Id", "Each report needs an Id of at most 26 letters and digits.");
            else if (!ids.Add(id)) ctx.Error($"{path}.Id", "The Id \"{0}\" is used twice.", id);
            else row.ReportId = id;

            var campaignId = Text(o["CampaignId"]) ?? "";
            var campaign = campaignId.Length is > 0 and <= 26 ? await contents.GetAsync(campaignId, VersionOptions.Latest) : null;
            if (campaign?.ContentType != CampaignData.TypeName) { ctx.Error($"{path}.CampaignId", "No campaign has the id \"{0}\".", campaignId); continue; }
            row.CampaignId = campaignId;
            var data = CampaignData.From(campaign);

            var kind = Text(o["Kind"]);
            if (!CampaignVocabulary.IsActivity(kind)) ctx.Error($"{path}.Kind", "Unknown kind of activity \"{0}\".", kind ?? "");
            else row.ActivityKind = kind!;

            if (!DateOnly.TryParseExact(Text(o["Date"]), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
                ctx.Error($"{path}.Date", "Date must be a day (yyyy-MM-dd).");
            else if (!data.Covers(day)) ctx.Error($"{path}.Date", "The day {0} is outside the campaign ({1}).", CampaignData.Format(day), data.PeriodText);
            else row.ActivityDate = day;

            row.Title = Text(o["Title"]) is { } title ? (title.Length > 300 ? title[..300] : title) : null;
            row.ChangeNote = Text(o["Note"]) is { } note ? (note.Length > 1000 ? note[..1000] : note) : null;

            var wardCode = Text(o["Ward"])?.ToUpperInvariant();
            var ward = wardCode is null || directory is null ? null : await directory.GetOrganisationByCodeAsync(wardCode);
            if (wardCode is null || wardCode.Length > 64) ctx.Error($"{path}.Ward", "Each report names its ward or commune by code.");
            else if (ward is not null && ward.Kind is not (OrganisationKind.Ward or OrganisationKind.Commune)) ctx.Error($"{path}.Ward", "{0} is not a ward or commune.", ward.Label);
            else if (ward is null && Text(o["WardName"]) is null) ctx.Error($"{path}.WardName", "The directory has no ward with the code \"{0}\": give its name in WardName.", wardCode);
            else
            {
                row.WardCode = wardCode;
                row.WardName = ward?.Name ?? Text(o["WardName"])!;
            }

            if (Text(o["Organisation"]) is { } orgCode)
            {
                var organisation = directory is null ? null : await directory.GetOrganisationByCodeAsync(orgCode);
                row.OrganisationId = organisation?.Id;
                row.OrganisationName = organisation?.Label ?? Text(o["OrganisationName"]) ?? orgCode;
            }
            else row.OrganisationName = Text(o["OrganisationName"]);

            var values = new Dictionary<string, int>();
            foreach (var count in Counts)
            {
                var node = o[count];
                if (node is null) { values[count] = 0; continue; }
                if (node.GetValueKind() != JsonValueKind.Number || !node.AsValue().TryGetValue<int>(out var n)) ctx.Error($"{path}.{count}", "{0} must be a whole number.", count);
                else if (n < 0) ctx.Error($"{path}.{count}", "{0} cannot be negative.", count);
                else if (n > Reach.ReachValidator.MaxCount) ctx.Error($"{path}.{count}", "{0} is at most {1}.", count, Reach.ReachValidator.MaxCount);
                else values[count] = n;
            }
            row.Sessions = values.GetValueOrDefault("Sessions");
            row.Children = values.GetValueOrDefault("Children");
            row.Parents = values.GetValueOrDefault("Parents");
            row.Teachers = values.GetValueOrDefault("Teachers");
            row.Others = values.GetValueOrDefault("Others");
            row.Posters = values.GetValueOrDefault("Posters");
            row.Leaflets = values.GetValueOrDefault("Leaflets");
            row.Handbooks = values.GetValueOrDefault("Handbooks");
            row.HandyItems = values.GetValueOrDefault("HandyItems");
            row.OtherMaterials = values.GetValueOrDefault("OtherMaterials");
            row.IndirectReach = values.GetValueOrDefault("IndirectReach");
            rows.Add(row);
        }
        if (ctx.Errors.Count > 0) return;

        var db = ctx.Services.GetRequiredService<CampaignsDbContext>();
        var wanted = rows.Select(r => r.ReportId).ToList();
        var existing = (await db.Reports.AsNoTracking().Where(r => wanted.Contains(r.ReportId)).Select(r => r.ReportId).Distinct().ToListAsync()).ToHashSet();
        var fresh = rows.Where(r => !existing.Contains(r.ReportId)).ToList();
        if (fresh.Count == 0) return;
        ctx.Changed = true;
        // A scope of its own: the recipe's scope may be gone by the time deferred writes run.
        var scopes = ctx.Services.GetRequiredService<IServiceScopeFactory>();
        ctx.AfterCommit(async () =>
        {
            await using var scope = scopes.CreateAsyncScope();
            var writeDb = scope.ServiceProvider.GetRequiredService<CampaignsDbContext>();
            await using var tx = await writeDb.Database.BeginTransactionAsync();
            var ids = fresh.Select(r => r.ReportId).ToList();
            var already = (await writeDb.Reports.Where(r => ids.Contains(r.ReportId)).Select(r => r.ReportId).ToListAsync()).ToHashSet();
            writeDb.Reports.AddRange(fresh.Where(r => !already.Contains(r.ReportId)));
            await writeDb.SaveChangesAsync();
            await tx.CommitAsync();
        });
    }

    public async Task ExportAsync(RecipeExportContext context)
    {
        var db = context.Services.GetRequiredService<CampaignsDbContext>();
        var rows = await db.Reports.AsNoTracking().Where(r => r.IsLatest && !r.Withdrawn).OrderBy(r => r.CampaignId).ThenBy(r => r.ActivityDate).ThenBy(r => r.Id).ToListAsync();
        if (rows.Count == 0) return;
        var list = new JsonArray();
        foreach (var r in rows)
        {
            var o = new JsonObject
            {
                ["Id"] = r.ReportId, ["CampaignId"] = r.CampaignId, ["Kind"] = r.ActivityKind,
                ["Date"] = r.ActivityDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["Ward"] = r.WardCode, ["WardName"] = r.WardName,
            };
            if (r.Title is not null) o["Title"] = r.Title;
            if (r.OrganisationName is not null) o["OrganisationName"] = r.OrganisationName;
            if (r.ChangeNote is not null) o["Note"] = r.ChangeNote;
            int[] values = [r.Sessions, r.Children, r.Parents, r.Teachers, r.Others, r.Posters, r.Leaflets, r.Handbooks, r.HandyItems, r.OtherMaterials, r.IndirectReach];
            for (var i = 0; i < Counts.Length; i++) if (values[i] != 0) o[Counts[i]] = values[i];
            list.Add(o);
        }
        context.Steps.Add(new JsonObject { ["name"] = Name, ["Reports"] = list });
    }

    private static string? Text(JsonNode? node) =>
        node?.GetValueKind() == JsonValueKind.String && node.GetValue<string>() is { } s && !string.IsNullOrWhiteSpace(s) ? s.Trim() : null;
}
