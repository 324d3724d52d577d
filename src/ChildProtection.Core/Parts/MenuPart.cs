using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChildProtection.Core.Parts;

/// <summary>A navigation menu: ordered links. The editor takes one "Text | address" per line.</summary>
public sealed class MenuPart : ContentPartHandler
{
    public override string PartName => "MenuPart";
    public override string DisplayName => "Menu links";
    public override IReadOnlyCollection<string> KnownProperties { get; } = ["Alias", "Items"];

    public override Task<IReadOnlyList<EditorInput>> GetEditorInputsAsync(PartContext context) =>
        Task.FromResult<IReadOnlyList<EditorInput>>([
            new EditorInput("Alias", "Alias", EditorKind.Text) { MaxLength = 64, Hint = "main for the main menu." },
            new EditorInput("Items", "Links", EditorKind.Lines) { Hint = "One link per line: Text | /address" },
        ]);

    public sealed record Link(string Text, string Url);

    public override Task UpdateAsync(PartContext ctx, List<ContentValidationError> errors)
    {
        ReadString(ctx, "Alias", errors, 64);
        var links = new JsonArray();
        if (ctx.Part["Items"] is JsonArray array)
        {
            for (var i = 0; i < array.Count; i++)
            {
                var path = $"{ctx.Path}.Items[{i}]";
                Link? link = array[i] switch
                {
                    JsonValue v when v.GetValueKind() == JsonValueKind.String => Parse(v.GetValue<string>()),
                    JsonObject o => new Link(o["Text"]?.ToString() ?? "", o["Url"]?.ToString() ?? ""),
                    _ => null,
                };
                if (link is null || string.IsNullOrWhiteSpace(link.Text) || string.IsNullOrWhiteSpace(link.Url))
                {
                    if (array[i] is JsonValue s && s.GetValueKind() == JsonValueKind.String && string.IsNullOrWhiteSpace(s.GetValue<string>())) continue;
                    errors.Add(new(path, "Each link needs a text and an address: Text | /address"));
                    continue;
                }
                if (!LinkRules.IsSafeUrl(link.Url)) { errors.Add(new(path, "Enter an address starting with https://, http:// or /.")); continue; }
                links.Add(new JsonObject { ["Text"] = link.Text.Trim(), ["Url"] = link.Url.Trim() });
            }
        }
        else if (ctx.Part["Items"] is not null) errors.Add(new($"{ctx.Path}.Items", "Expected a list."));
        ctx.Part["Items"] = links;
        return Task.CompletedTask;
    }

    private static Link? Parse(string line)
    {
        var bar = line.LastIndexOf('|');
        return bar < 0 ? null : new Link(line[..bar].Trim(), line[(bar + 1)..].Trim());
    }

    public static IReadOnlyList<Link> Read(JsonObject? part) =>
        part?["Items"] is JsonArray a
            ? a.OfType<JsonObject>().Select(o => new Link(o["Text"]?.ToString() ?? "", o["Url"]?.ToString() ?? "")).ToList()
            : [];
}
