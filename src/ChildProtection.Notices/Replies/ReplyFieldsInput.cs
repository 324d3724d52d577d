using System.Globalization;
using ChildProtection.Notices.Data;

namespace ChildProtection.Notices.Replies;

/// <summary>One row of the reply-fields form as typed (strings, so bad input gets a Vietnamese message).</summary>
public sealed class ReplyFieldInput
{
    public int Id { get; set; }
    public string? Label { get; set; }
    public string? Kind { get; set; }
    public bool Required { get; set; }
    public string? Position { get; set; }
    public string? Options { get; set; }
    public bool Remove { get; set; }

    public bool IsBlankNew => Id == 0 && string.IsNullOrWhiteSpace(Label) && string.IsNullOrWhiteSpace(Options);

    public static ReplyFieldInput From(NoticeReplyField f) => new()
    {
        Id = f.Id, Label = f.Label, Kind = f.Kind.ToString(), Required = f.Required,
        Position = f.Position.ToString(CultureInfo.InvariantCulture), Options = f.Options,
    };
}

/// <summary>Checks the reply fields a sender defines and, only when all are right, says what to keep.</summary>
public static class ReplyFieldsCheck
{
    public const int MaxFields = 30;
    public const int MaxOptions = 30;

    /// <returns>The fields to keep (new ones with Id 0), in order; errors keyed "Fields[i].Property" with English resource keys.</returns>
    public static (List<NoticeReplyField> Keep, Dictionary<string, string> Errors) Check(IReadOnlyList<ReplyFieldInput> rows, IReadOnlyCollection<int> existingIds)
    {
        var errors = new Dictionary<string, string>();
        var keep = new List<NoticeReplyField>();
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            if (row.Remove || row.IsBlankNew) continue;
            var prefix = string.Create(CultureInfo.InvariantCulture, $"Fields[{i}].");
            if (row.Id != 0 && !existingIds.Contains(row.Id)) { errors[prefix + "Label"] = "This field no longer exists; open the page again."; continue; }
            var label = string.IsNullOrWhiteSpace(row.Label) ? null : row.Label.Trim().Normalize();
            if (label is null) errors[prefix + "Label"] = "Enter the question the units answer.";
            else if (label.Length > NoticeReplyField.MaxLabelLength) errors[prefix + "Label"] = "This text is too long.";
            if (!Enum.TryParse<ReplyFieldKind>(row.Kind, out var kind) || !Enum.IsDefined(kind)) { errors[prefix + "Kind"] = "Choose the kind of answer."; kind = ReplyFieldKind.Text; }
            var position = keep.Count + 1;
            if (!string.IsNullOrWhiteSpace(row.Position))
            {
                if (int.TryParse(row.Position.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p is >= 1 and <= 999) position = p;
                else errors[prefix + "Position"] = "The order must be a whole number from 1 to 999.";
            }
            string? options = null;
            if (kind == ReplyFieldKind.Choice)
            {
                var list = (row.Options ?? "").Replace("\r", "", StringComparison.Ordinal).Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                    .Select(o => o.Normalize()).Distinct(StringComparer.Ordinal).ToList();
                if (list.Count < 2) errors[prefix + "Options"] = "A choice needs at least two options, one a line.";
                else if (list.Count > MaxOptions || list.Any(o => o.Length > 200)) errors[prefix + "Options"] = "At most 30 options of at most 200 characters each.";
                else options = string.Join("\n", list);
            }
            keep.Add(new NoticeReplyField { Id = row.Id, Label = label ?? "", Kind = kind, Required = row.Required, Position = position, Options = options });
        }
        if (keep.Count > MaxFields) errors["Fields"] = "A reply may have at most 30 fields.";
        // Equal positions keep the order of the form.
        var ordered = keep.Select((f, i) => (f, i)).OrderBy(x => x.f.Position).ThenBy(x => x.i).Select(x => x.f).ToList();
        for (var i = 0; i < ordered.Count; i++) ordered[i].Position = i + 1;
        return (ordered, errors);
    }
}
