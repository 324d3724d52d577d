using System.Globalization;
using ChildProtection.Organisations.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ChildProtection.Organisations.Import;

/// <summary>One row as it will be written: values parsed, references still by code (resolved at commit).</summary>
public sealed class ImportRecord
{
    public required string Code { get; init; }
    public required string Name { get; init; }
    public OrganisationKind Kind { get; init; }
    public SchoolLevel? Level { get; init; }
    /// <summary>The ward's code, whether it is in the file or already in the directory.</summary>
    public string? WardCode { get; set; }
    public string? Address { get; init; }
    /// <summary>A file row names one contact; a recipe may name several.</summary>
    public List<ImportContact> Contacts { get; init; } = [];
    public IEnumerable<string> Emails => Contacts.SelectMany(c => c.Emails);
    public DateOnly? ValidFrom { get; init; }
    public DateOnly? ValidTo { get; init; }
    public string? SuccessorCode { get; init; }
}

public sealed record ImportContact(string? Name, string? Role, List<string> Emails);

public sealed class PlannedRow
{
    public required int Line { get; init; }
    public required string[] Cells { get; init; }
    public ImportRecord? Record { get; set; }
    public List<string> Problems { get; } = [];
    public bool IsUpdate { get; set; }
    public bool IsGood => Problems.Count == 0 && Record is not null;
}

public sealed class ImportPlan
{
    public List<string> FileProblems { get; } = [];
    public List<PlannedRow> Rows { get; } = [];
    public int GoodCount => Rows.Count(r => r.IsGood);
    public int ProblemCount => Rows.Count(r => !r.IsGood);
    public bool CanImport => FileProblems.Count == 0 && GoodCount > 0;
}

/// <summary>
/// Checks every row of an uploaded table against the rest of the file and against the directory, and says
/// in Vietnamese what is wrong with each. Nothing is written here; <see cref="ImportCommitter"/> writes.
/// </summary>
public sealed class ImportPlanner(DirectoryDbContext db, IStringLocalizer<DirectoryText> T)
{
    public string DescribeFailure(TableReadFailure failure) => failure switch
    {
        TableReadFailure.Empty => T["The file is empty."],
        TableReadFailure.NotUtf8 => T["The file is not in UTF-8 encoding (it may be saved as Windows-1258 or another old code page), so Vietnamese letters would be garbled. Save it as \"CSV UTF-8\" in Excel, or upload the XLSX file, and try again."],
        TableReadFailure.Utf16 => T["The file is in UTF-16 encoding. Save it as \"CSV UTF-8\" in Excel, or upload the XLSX file, and try again."],
        TableReadFailure.UnreadableWorkbook => T["The file looks like an Excel workbook but cannot be read. Open it in Excel, save it again as .xlsx and try again."],
        TableReadFailure.NoHeader => T["The first row must hold the column names (Mã, Tên, Loại …)."],
        _ => "",
    };

    public async Task<ImportPlan> PlanAsync(ImportTable table, CancellationToken cancellationToken = default)
    {
        var plan = new ImportPlan();
        var columns = new Dictionary<ImportColumn, int>();
        for (var i = 0; i < table.Headers.Length; i++)
        {
            if (table.Headers[i].Length == 0) continue;
            if (ImportColumns.Match(table.Headers[i]) is not { } column) plan.FileProblems.Add(T["Unknown column \"{0}\". The columns are: {1}.", table.Headers[i], string.Join(", ", ImportColumns.Headers)]);
            else if (!columns.TryAdd(column, i)) plan.FileProblems.Add(T["The column \"{0}\" appears twice.", table.Headers[i]]);
        }
        foreach (var required in new[] { ImportColumn.Code, ImportColumn.Name, ImportColumn.Kind })
            if (!columns.ContainsKey(required))
                plan.FileProblems.Add(T["The column \"{0}\" is missing.", ImportColumns.All.First(c => c.Column == required).Header]);
        if (plan.FileProblems.Count > 0) return plan;

        string Cell(TableRow row, ImportColumn column) =>
            columns.TryGetValue(column, out var index) && index < row.Cells.Length ? row.Cells[index].Trim() : "";

        // Pass 1: each row on its own.
        var codesSeen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in table.Rows)
        {
            var planned = new PlannedRow { Line = row.Line, Cells = row.Cells };
            plan.Rows.Add(planned);
            var p = planned.Problems;
            var code = Organisation.NormalizeCode(Cell(row, ImportColumn.Code));
            if (code.Length == 0) p.Add(T["The code is missing."]);
            else if (code.Length > DirectoryLimits.Code) p.Add(T["The code may have at most {0} characters.", DirectoryLimits.Code]);
            else if (codesSeen.TryGetValue(code, out var firstLine)) p.Add(T["The code {0} is already used on line {1} of the file.", code, firstLine]);
            else codesSeen[code] = row.Line;

            var name = Cell(row, ImportColumn.Name);
            if (name.Length == 0) p.Add(T["The name is missing."]);
            else if (name.Length > DirectoryLimits.Name) p.Add(T["The name may have at most {0} characters.", DirectoryLimits.Name]);

            var kindText = Cell(row, ImportColumn.Kind);
            var kind = DirectoryTerms.ParseKind(kindText);
            if (kind is null) p.Add(kindText.Length == 0 ? T["The kind is missing (Trường, Phường, Xã or Cơ quan)."] : T["Unknown kind \"{0}\" (Trường, Phường, Xã or Cơ quan).", kindText]);

            var levelText = Cell(row, ImportColumn.Level);
            SchoolLevel? level = null;
            if (levelText.Length > 0)
            {
                level = DirectoryTerms.ParseLevel(levelText);
                if (level is null) p.Add(T["Unknown school level \"{0}\" (Mầm non, Tiểu học, THCS, THPT or Khác).", levelText]);
                else if (kind is not null and not OrganisationKind.School) p.Add(T["Only a school has a school level."]);
            }

            var address = Cell(row, ImportColumn.Address);
            if (address.Length > DirectoryLimits.Address) p.Add(T["The address may have at most {0} characters.", DirectoryLimits.Address]);
            var contactName = Cell(row, ImportColumn.ContactName);
            var contactRole = Cell(row, ImportColumn.ContactRole);
            if (contactName.Length > DirectoryLimits.ContactName || contactRole.Length > DirectoryLimits.ContactName)
                p.Add(T["A contact's name and role may have at most {0} characters each.", DirectoryLimits.ContactName]);

            var emails = new List<string>();
            var rowEmails = new HashSet<string>(StringComparer.Ordinal);
            foreach (var e in EmailAddresses.Split(Cell(row, ImportColumn.Emails)))
            {
                if (!EmailAddresses.IsValid(e)) p.Add(T["\"{0}\" is not a valid e-mail address.", e]);
                else if (rowEmails.Add(EmailAddresses.Normalize(e))) emails.Add(e);
            }

            var fromText = Cell(row, ImportColumn.ValidFrom);
            var toText = Cell(row, ImportColumn.ValidTo);
            if (!OrganisationStore.TryParseDate(fromText, out var validFrom)) p.Add(T["\"Valid from\" is not a date (dd/MM/yyyy): \"{0}\".", fromText]);
            if (!OrganisationStore.TryParseDate(toText, out var validTo)) p.Add(T["\"Valid to\" is not a date (dd/MM/yyyy): \"{0}\".", toText]);
            if (validFrom is { } f && validTo is { } t && t < f) p.Add(T["\"Valid to\" is before \"valid from\"."]);

            var successor = Cell(row, ImportColumn.Successor);
            var successorCode = successor.Length == 0 ? null : Organisation.NormalizeCode(successor);
            if (successorCode is not null && successorCode == code) p.Add(T["An organisation cannot succeed itself."]);

            if (code.Length > 0 && name.Length > 0 && kind is not null)
                planned.Record = new ImportRecord
                {
                    Code = code, Name = name, Kind = kind.Value, Level = level, WardCode = Cell(row, ImportColumn.Ward) is { Length: > 0 } w ? w : null,
                    Address = address.Length == 0 ? null : address,
                    Contacts = contactName.Length == 0 && contactRole.Length == 0 && emails.Count == 0
                        ? []
                        : [new ImportContact(contactName.Length == 0 ? null : contactName, contactRole.Length == 0 ? null : contactRole, emails)],
                    ValidFrom = validFrom, ValidTo = validTo, SuccessorCode = successorCode,
                };
        }

        await CheckAsync(plan, cancellationToken);
        return plan;
    }

    /// <summary>The checks across rows and against the directory; the Directory recipe step runs them on its own rows.</summary>
    public async Task CheckAsync(ImportPlan plan, CancellationToken cancellationToken = default)
    {
        // What the directory already holds for the codes and addresses of the file.
        var fileCodes = plan.Rows.Where(r => r.Record is not null).Select(r => r.Record!.Code)
            .Concat(plan.Rows.Where(r => r.Record?.SuccessorCode is not null).Select(r => r.Record!.SuccessorCode!)).Distinct().ToList();
        var known = new Dictionary<string, OrganisationKind>(StringComparer.Ordinal);
        foreach (var chunk in fileCodes.Chunk(2000))
        {
            var list = chunk.ToList();
            foreach (var o in await db.Organisations.AsNoTracking().Where(o => list.Contains(o.Code)).Select(o => new { o.Code, o.Kind }).ToListAsync(cancellationToken))
                known[o.Code] = o.Kind;
        }
        var directoryWards = await db.Organisations.AsNoTracking().Where(o => o.Kind == OrganisationKind.Ward || o.Kind == OrganisationKind.Commune)
            .Select(o => new { o.Code, o.NameKey }).ToListAsync(cancellationToken);
        var fileEmails = plan.Rows.Where(r => r.Record is not null).SelectMany(r => r.Record!.Emails).Select(EmailAddresses.Normalize).Distinct().ToList();
        var owners = new Dictionary<string, (string Code, string Name)>(StringComparer.Ordinal);
        foreach (var chunk in fileEmails.Chunk(2000))
        {
            var list = chunk.ToList();
            var found = await (from e in db.ContactEmails.AsNoTracking()
                               join c in db.Contacts.AsNoTracking() on e.ContactId equals c.Id
                               join o in db.Organisations.AsNoTracking() on c.OrganisationId equals o.Id
                               where list.Contains(e.Normalized)
                               select new { e.Normalized, o.Code, o.Name }).ToListAsync(cancellationToken);
            foreach (var f in found) owners[f.Normalized] = (f.Code, f.Name);
        }

        // Pass 2: addresses against the file and the directory.
        var emailLines = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in plan.Rows.Where(r => r.Record is not null))
        {
            var record = row.Record!;
            row.IsUpdate = known.ContainsKey(record.Code);
            foreach (var e in record.Emails)
            {
                var key = EmailAddresses.Normalize(e);
                if (emailLines.TryGetValue(key, out var line)) row.Problems.Add(T["The address {0} is already on line {1} of the file.", e, line]);
                else emailLines[key] = row.Line;
                if (owners.TryGetValue(key, out var owner) && owner.Code != record.Code)
                    row.Problems.Add(T["The address {0} already belongs to {1} ({2}).", e, owner.Name, owner.Code]);
            }
        }

        // Pass 3: wards and successors. A reference to a row of the file holds only while that row is good,
        // so repeat until no row changes.
        var directoryWardKeys = directoryWards.Select(w => (w.Code, w.NameKey)).ToList();
        var wardCells = plan.Rows.Where(r => r.Record is not null).ToDictionary(r => r, r => r.Record!.WardCode);
        bool changed;
        do
        {
            changed = false;
            var goodFileRows = plan.Rows.Where(r => r.IsGood).ToList();
            var wards = new WardIndex(goodFileRows.Select(r => r.Record!).Where(r => DirectoryTerms.IsWardLike(r.Kind)).Select(r => (r.Code, TextFolding.Fold(r.Name))), directoryWardKeys);
            var goodCodes = goodFileRows.Select(r => r.Record!.Code).ToHashSet(StringComparer.Ordinal);
            foreach (var row in goodFileRows)
            {
                var record = row.Record!;
                if (wardCells[row] is { } wardText)
                {
                    var resolved = wards.Resolve(wardText, out var ambiguous);
                    if (resolved is null)
                    {
                        row.Problems.Add(ambiguous ? T["Several wards or communes are named \"{0}\": write the ward's code.", wardText] : T["Unknown ward or commune \"{0}\".", wardText]);
                        changed = true;
                        continue;
                    }
                    if (resolved == record.Code)
                    {
                        row.Problems.Add(T["An organisation cannot be its own ward."]);
                        changed = true;
                        continue;
                    }
                    record.WardCode = resolved;
                }
                if (record.SuccessorCode is { } s && !goodCodes.Contains(s) && !known.ContainsKey(s))
                {
                    row.Problems.Add(T["No organisation has the code {0} (successor).", s]);
                    changed = true;
                }
            }
        } while (changed);
    }

    /// <summary>Wards and communes by code and by folded name: the file's good rows first, then the directory's.</summary>
    private sealed class WardIndex
    {
        private readonly HashSet<string> codes = new(StringComparer.Ordinal);
        private readonly Dictionary<string, HashSet<string>> byName = new(StringComparer.Ordinal);

        public WardIndex(IEnumerable<(string Code, string NameKey)> file, IEnumerable<(string Code, string NameKey)> directory)
        {
            foreach (var (code, key) in file.Concat(directory))
            {
                codes.Add(code);
                if (!byName.TryGetValue(key, out var set)) byName[key] = set = new HashSet<string>(StringComparer.Ordinal);
                set.Add(code);
            }
        }

        public string? Resolve(string text, out bool ambiguous)
        {
            ambiguous = false;
            var code = Organisation.NormalizeCode(text);
            if (codes.Contains(code)) return code;
            if (!byName.TryGetValue(TextFolding.Fold(text), out var named)) return null;
            if (named.Count == 1) return named.First();
            ambiguous = true;
            return null;
        }
    }
}
