using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChildProtection.Core.Parts;

/// <summary>Tolerant readers for part and field JSON: a wrong kind becomes a message, never an exception.</summary>
public static class JsonValues
{
    public static string? ReadString(JsonObject obj, string property, string path, List<ContentValidationError> errors, int maxLength = 100_000)
    {
        var node = obj[property];
        if (node is null) return null;
        if (node.GetValueKind() != JsonValueKind.String)
        {
            errors.Add(new(path, "Expected text."));
            return null;
        }
        var value = node.GetValue<string>();
        if (value.Length > maxLength)
        {
            errors.Add(new(path, "Must be at most {0} characters.", maxLength));
            return null;
        }
        return value;
    }

    public static decimal? ReadNumber(JsonObject obj, string property, string path, List<ContentValidationError> errors)
    {
        var node = obj[property];
        if (node is null) return null;
        switch (node.GetValueKind())
        {
            case JsonValueKind.Number: return node.GetValue<decimal>();
            case JsonValueKind.String when string.IsNullOrWhiteSpace(node.GetValue<string>()): return null;
            case JsonValueKind.String when decimal.TryParse(node.GetValue<string>(), NumberStyles.Number, CultureInfo.InvariantCulture, out var d): return d;
            case JsonValueKind.Null: return null;
            default: errors.Add(new(path, "Expected a number.")); return null;
        }
    }

    public static bool? ReadBool(JsonObject obj, string property, string path, List<ContentValidationError> errors)
    {
        var node = obj[property];
        if (node is null) return null;
        switch (node.GetValueKind())
        {
            case JsonValueKind.True: return true;
            case JsonValueKind.False: return false;
            case JsonValueKind.Null: return null;
            default: errors.Add(new(path, "Expected true or false.")); return null;
        }
    }

    public static DateTime? ReadDateTime(JsonObject obj, string property, string path, List<ContentValidationError> errors)
    {
        var node = obj[property];
        if (node is null || node.GetValueKind() == JsonValueKind.Null) return null;
        if (node.GetValueKind() == JsonValueKind.String)
        {
            var s = node.GetValue<string>();
            if (string.IsNullOrWhiteSpace(s)) return null;
            if (DateTime.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var dt)) return dt;
        }
        errors.Add(new(path, "Expected a date (yyyy-MM-dd) or date and time (ISO 8601)."));
        return null;
    }

    public static List<string>? ReadStringArray(JsonObject obj, string property, string path, List<ContentValidationError> errors)
    {
        var node = obj[property];
        if (node is null || node.GetValueKind() == JsonValueKind.Null) return null;
        if (node is not JsonArray array)
        {
            errors.Add(new(path, "Expected a list."));
            return null;
        }
        var list = new List<string>();
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i]?.GetValueKind() != JsonValueKind.String)
            {
                errors.Add(new($"{path}[{i}]", "Expected text."));
                continue;
            }
            list.Add(array[i]!.GetValue<string>());
        }
        return list;
    }

    public static void RejectUnknown(JsonObject obj, IReadOnlyCollection<string> known, string path, List<ContentValidationError> errors)
    {
        foreach (var (key, _) in obj)
            if (!known.Contains(key))
                errors.Add(new($"{path}.{key}", "Unknown property."));
    }
}
