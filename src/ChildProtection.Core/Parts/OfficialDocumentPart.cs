using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ChildProtection.Core.Parts;

/// <summary>
/// An official document (Decree 30/2020/NĐ-CP) cited or carried by an item, kept as data: issuing body,
/// number and symbol (2869/UBND-LĐTBXH), type, place and date of issue, summary (trích yếu), signer's
/// title and name, and recipients (nơi nhận).
/// </summary>
public sealed partial class OfficialDocumentPart : ContentPartHandler
{
    public static readonly string[] DocumentTypes =
    [
        "Công văn", "Quyết định", "Kế hoạch", "Thông báo", "Chỉ thị", "Hướng dẫn", "Báo cáo", "Tờ trình",
        "Nghị quyết", "Nghị định", "Thông tư", "Giấy mời", "Khác",
    ];

    public override string PartName => "OfficialDocumentPart";
    public override string DisplayName => "Official document";
    public override IReadOnlyCollection<string> KnownProperties { get; } =
        ["Issuer", "NumberAndSymbol", "DocumentType", "IssuedDate", "IssuedPlace", "Summary", "SignerTitle", "SignerName", "Recipients"];

    public override Task<IReadOnlyList<EditorInput>> GetEditorInputsAsync(PartContext context) =>
        Task.FromResult<IReadOnlyList<EditorInput>>([
            new EditorInput("Issuer", "Issuing body", EditorKind.Text) { MaxLength = 300 },
            new EditorInput("NumberAndSymbol", "Number and symbol", EditorKind.Text) { MaxLength = 100, Hint = "For example 2869/UBND-LĐTBXH" },
            new EditorInput("DocumentType", "Document type", EditorKind.Select) { Options = DocumentTypes.Select(t => (t, t)).ToList() },
            new EditorInput("IssuedDate", "Date of issue", EditorKind.Date),
            new EditorInput("IssuedPlace", "Place of issue", EditorKind.Text) { MaxLength = 200 },
            new EditorInput("Summary", "Summary (trích yếu)", EditorKind.TextArea) { MaxLength = 2000 },
            new EditorInput("SignerTitle", "Signer's title", EditorKind.Text) { MaxLength = 200 },
            new EditorInput("SignerName", "Signer's name", EditorKind.Text) { MaxLength = 200 },
            new EditorInput("Recipients", "Recipients (nơi nhận)", EditorKind.Lines) { Hint = "One recipient per line." },
        ]);

    // "2869/UBND-LĐTBXH", "30/2020/NĐ-CP", "123/QĐ-UBND": a number, an optional year, then a symbol.
    [GeneratedRegex(@"^\d{1,6}(/\d{4})?/[\p{L}\d][\p{L}\d.\-]*$")]
    private static partial Regex NumberAndSymbolPattern();

    public override Task UpdateAsync(PartContext ctx, List<ContentValidationError> errors)
    {
        foreach (var name in new[] { "Issuer", "DocumentType", "IssuedPlace", "Summary", "SignerTitle", "SignerName" })
        {
            var value = ReadString(ctx, name, errors, name == "Summary" ? 2000 : 300);
            if (value is not null) ctx.Part[name] = value.Trim().Normalize(System.Text.NormalizationForm.FormC);
        }
        var number = ReadString(ctx, "NumberAndSymbol", errors, 100)?.Trim().Normalize(System.Text.NormalizationForm.FormC);
        if (!string.IsNullOrEmpty(number))
        {
            if (!NumberAndSymbolPattern().IsMatch(number))
                errors.Add(new($"{ctx.Path}.NumberAndSymbol", "Number and symbol should look like 2869/UBND-LĐTBXH."));
            ctx.Part["NumberAndSymbol"] = number;
        }
        var type = ctx.Part["DocumentType"]?.ToString();
        if (!string.IsNullOrEmpty(type) && !DocumentTypes.Contains(type))
            errors.Add(new($"{ctx.Path}.DocumentType", "Unknown document type \"{0}\".", type));
        var date = JsonValues.ReadDateTime(ctx.Part, "IssuedDate", $"{ctx.Path}.IssuedDate", errors);
        if (date is not null) ctx.Part["IssuedDate"] = date.Value.ToString("yyyy-MM-dd");
        var recipients = JsonValues.ReadStringArray(ctx.Part, "Recipients", $"{ctx.Path}.Recipients", errors);
        if (recipients is not null)
            ctx.Part["Recipients"] = new JsonArray(recipients.Select(r => r.Trim()).Where(r => r.Length > 0).Select(r => (JsonNode)JsonValue.Create(r)!).ToArray());
        return Task.CompletedTask;
    }
}
