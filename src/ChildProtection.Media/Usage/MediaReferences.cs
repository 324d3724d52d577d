using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ChildProtection.Media.Usage;

/// <summary>
/// The convention of <see cref="IMediaLibrary"/>: a JSON property named <c>mediaId</c> (a string) or
/// <c>mediaIds</c> (an array of strings), at any depth, or a <c>/media/{id}/</c> address inside any string
/// (HTML bodies), is a use of that file. Property names are matched without regard to case
/// (<c>MediaId</c> counts too).
/// </summary>
public static partial class MediaReferences
{
    [GeneratedRegex("/media/([0-9a-hjkmnp-tv-z]{26})/", RegexOptions.CultureInvariant)]
    private static partial Regex AddressPattern();

    public static HashSet<string> Find(JsonNode? node)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        Walk(node, found);
        return found;
    }

    private static void Walk(JsonNode? node, HashSet<string> found)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (name, value) in o)
                {
                    if (name.Equals("mediaId", StringComparison.OrdinalIgnoreCase) && value?.GetValueKind() == JsonValueKind.String)
                        Add(value.GetValue<string>(), found);
                    else if (name.Equals("mediaIds", StringComparison.OrdinalIgnoreCase) && value is JsonArray ids)
                        foreach (var id in ids)
                            if (id?.GetValueKind() == JsonValueKind.String) Add(id.GetValue<string>(), found);
                    Walk(value, found);
                }
                break;
            case JsonArray a:
                foreach (var item in a) Walk(item, found);
                break;
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                var text = v.GetValue<string>();
                if (text.Contains("/media/", StringComparison.Ordinal))
                    foreach (Match m in AddressPattern().Matches(text)) found.Add(m.Groups[1].Value);
                break;
        }
    }

    private static void Add(string id, HashSet<string> found)
    {
        if (MediaStorage.IsValidId(id)) found.Add(id);
    }
}
