using System.Text.Json;
using System.Text.Json.Nodes;
using ChildProtection.Core.Routing;

namespace ChildProtection.Core.Parts;

/// <summary>
/// On a Taxonomy item: an alias other parts refer to ("topics") and the list of terms. A term keeps its
/// id when renamed, so items tagged with it stay tagged.
/// </summary>
public sealed class TaxonomyPart : ContentPartHandler
{
    public override string PartName => "TaxonomyPart";
    public override string DisplayName => "Taxonomy terms";
    public override IReadOnlyCollection<string> KnownProperties { get; } = ["Alias", "Terms"];

    public override Task<IReadOnlyList<EditorInput>> GetEditorInputsAsync(PartContext context) =>
        Task.FromResult<IReadOnlyList<EditorInput>>([
            new EditorInput("Alias", "Alias", EditorKind.Text) { Required = true, MaxLength = 64, Hint = "A short code other types use to refer to this taxonomy, e.g. topics." },
            new EditorInput("Terms", "Terms", EditorKind.Lines) { Hint = "One term per line." },
        ]);

    public override Task UpdateAsync(PartContext ctx, List<ContentValidationError> errors)
    {
        var alias = ReadString(ctx, "Alias", errors, 64)?.Trim();
        if (string.IsNullOrEmpty(alias) || !Slug.IsValidPath(alias) || alias.Contains('/'))
        {
            errors.Add(new($"{ctx.Path}.Alias", "The alias is required: lower-case letters, digits and hyphens."));
        }
        else ctx.Part["Alias"] = alias;

        var terms = ReadTerms(ctx.Part, $"{ctx.Path}.Terms", errors);
        var seen = new HashSet<string>();
        var result = new JsonArray();
        foreach (var term in terms)
        {
            var id = string.IsNullOrEmpty(term.TermId) ? Slug.From(term.DisplayText) : term.TermId;
            if (string.IsNullOrEmpty(id) || !seen.Add(id)) continue;
            result.Add(new JsonObject { ["TermId"] = id, ["DisplayText"] = term.DisplayText.Trim() });
        }
        ctx.Part["Terms"] = result;
        return Task.CompletedTask;
    }

    public sealed record Term(string TermId, string DisplayText);

    public static List<Term> ReadTerms(JsonObject part, string path, List<ContentValidationError>? errors = null)
    {
        var list = new List<Term>();
        if (part["Terms"] is not JsonArray array)
        {
            if (part["Terms"] is not null && errors is not null) errors.Add(new(path, "Expected a list."));
            return list;
        }
        for (var i = 0; i < array.Count; i++)
        {
            switch (array[i])
            {
                case JsonValue v when v.GetValueKind() == JsonValueKind.String && !string.IsNullOrWhiteSpace(v.GetValue<string>()):
                    list.Add(new Term("", v.GetValue<string>()));
                    break;
                case JsonObject o when o["DisplayText"]?.GetValueKind() == JsonValueKind.String:
                    var id = o["TermId"]?.GetValueKind() == JsonValueKind.String ? o["TermId"]!.GetValue<string>() : "";
                    list.Add(new Term(id, o["DisplayText"]!.GetValue<string>()));
                    break;
                default:
                    errors?.Add(new($"{path}[{i}]", "Expected a term name."));
                    break;
            }
        }
        return list;
    }
}
