using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ChildProtection.Core.Contents;
using ChildProtection.Core.Metadata;
using DiffPlex;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;

namespace ChildProtection.Admin.Editing;

/// <summary>One field of a version as text: the title, a part's property, a field's value.</summary>
public sealed record VersionField(string Key, string Label, string Text);

/// <summary>Two versions of one field side by side, line by line (with word changes inside changed lines).</summary>
public sealed record FieldDiff(string Label, bool Changed, SideBySideDiffModel Model);

/// <summary>
/// Versions as the texts people read: HTML bodies become their text (paragraphs and list items on
/// lines of their own), so a comparison shows what changed in the words, not in the markup. The page
/// encodes every piece when it renders it.
/// </summary>
public static partial class VersionText
{
    /// <param name="partLabel">What the editor calls a part on this type (its display name, translated).</param>
    public static IReadOnlyList<VersionField> Fields(ContentItem item, ContentTypeDefinition type, Func<ContentTypePartDefinition, string> partLabel, string titleLabel)
    {
        var fields = new List<VersionField>();
        // The title part holds the title; types without one still have a display text.
        if (!type.HasPart("TitlePart")) fields.Add(new("DisplayText", titleLabel, item.DisplayText));
        foreach (var typePart in type.Parts)
        {
            if (item.Content[typePart.Name] is not JsonObject part) continue;
            Flatten(part, typePart.Name, partLabel(typePart), fields);
        }
        return fields;
    }

    private static void Flatten(JsonObject node, string key, string label, List<VersionField> into)
    {
        foreach (var (name, value) in node)
        {
            var childKey = $"{key}.{name}";
            // A field's value object ({ "Text": … }) reads as the field itself.
            var childLabel = node.Count == 1 && name is "Text" or "Html" or "Value" or "Markdown" ? label : $"{label} · {name}";
            switch (value)
            {
                case JsonObject o:
                    Flatten(o, childKey, $"{label} · {name}", into);
                    break;
                case JsonArray a:
                    into.Add(new(childKey, childLabel, string.Join("\n", a.Select(v => v is JsonValue jv ? ToText(jv) : v?.ToJsonString() ?? ""))));
                    break;
                case JsonValue v:
                    var text = ToText(v);
                    into.Add(new(childKey, childLabel, name.Contains("Html", StringComparison.Ordinal) || LooksLikeHtml(text) ? HtmlToText(text) : text));
                    break;
                default:
                    into.Add(new(childKey, childLabel, ""));
                    break;
            }
        }
    }

    private static string ToText(JsonValue v) => v.GetValueKind() switch
    {
        JsonValueKind.String => v.GetValue<string>(),
        JsonValueKind.True => "✓",
        JsonValueKind.False => "✗",
        _ => v.ToJsonString(),
    };

    private static bool LooksLikeHtml(string text) => text.Contains('<') && HtmlTag().IsMatch(text);

    [GeneratedRegex(@"</?[a-zA-Z][^>]*>")]
    private static partial Regex HtmlTag();

    [GeneratedRegex(@"<\s*(br|/p|/div|/li|/h[1-6]|/tr|/blockquote|/table|/ul|/ol)\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex LineBreakingTag();

    [GeneratedRegex(@"<(script|style)\b.*?</\1\s*>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex ScriptOrStyle();

    [GeneratedRegex(@"[ \t\f\v\u00A0]+")]
    private static partial Regex Spaces();

    /// <summary>The text of an HTML fragment: block ends become line breaks, tags go, entities are decoded.</summary>
    public static string HtmlToText(string html)
    {
        var text = ScriptOrStyle().Replace(html, "");
        text = LineBreakingTag().Replace(text, "\n");
        text = HtmlTag().Replace(text, "");
        text = WebUtility.HtmlDecode(text);
        var lines = text.Split('\n').Select(l => Spaces().Replace(l, " ").Trim()).Where(l => l.Length > 0);
        return string.Join("\n", lines);
    }

    /// <summary>Every field of either version, in the newer version's order, compared.</summary>
    public static IReadOnlyList<FieldDiff> Compare(IReadOnlyList<VersionField> older, IReadOnlyList<VersionField> newer)
    {
        var builder = new SideBySideDiffBuilder(new Differ());
        var keys = newer.Select(f => f.Key).Concat(older.Select(f => f.Key)).Distinct().ToList();
        return keys.Select(key =>
        {
            var a = older.FirstOrDefault(f => f.Key == key);
            var b = newer.FirstOrDefault(f => f.Key == key);
            var oldText = a?.Text ?? "";
            var newText = b?.Text ?? "";
            return new FieldDiff((b ?? a)!.Label, oldText != newText, builder.BuildDiffModel(oldText, newText, ignoreWhitespace: false));
        }).ToList();
    }
}
