using ChildProtection.Campaigns.Reach;

namespace ChildProtection.Campaigns.Pages;

/// <summary>What the report form partial shows: the typed values, the messages per field, the choices and the campaign's days.</summary>
public sealed class ReachFormView
{
    public required ReachForm Form { get; init; }
    public IReadOnlyDictionary<string, string> Errors { get; init; } = new Dictionary<string, string>();
    public IReadOnlyList<(string Value, string Text)> Wards { get; init; } = [];
    /// <summary>The ward's name when the account's organisation decides it.</summary>
    public string? FixedWard { get; init; }
    public bool ForOthers { get; init; }
    public bool IsCorrection { get; init; }
    public string Period { get; init; } = "";
    /// <summary>yyyy-MM-dd bounds for the date input.</summary>
    public string? Min { get; init; }
    public string? Max { get; init; }
}
