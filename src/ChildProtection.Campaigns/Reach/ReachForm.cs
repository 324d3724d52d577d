namespace ChildProtection.Campaigns.Reach;

/// <summary>
/// A reach report as typed into the form: every value is kept as text, so a refused form comes back with
/// what the person typed, next to the message that says what is wrong with it.
/// </summary>
public sealed class ReachForm
{
    public string? Kind { get; set; }
    /// <summary>yyyy-MM-dd from a date input, or dd/mm/yyyy typed by hand.</summary>
    public string? Date { get; set; }
    public string? Title { get; set; }
    public string? WardCode { get; set; }
    /// <summary>Only for those who report on another's behalf: the directory code of the school or office that held the activity.</summary>
    public string? OrganisationCode { get; set; }
    public string? Sessions { get; set; }
    public string? Children { get; set; }
    public string? Parents { get; set; }
    public string? Teachers { get; set; }
    public string? Others { get; set; }
    public string? Posters { get; set; }
    public string? Leaflets { get; set; }
    public string? Handbooks { get; set; }
    public string? HandyItems { get; set; }
    public string? OtherMaterials { get; set; }
    public string? IndirectReach { get; set; }
    /// <summary>A note on a new report; the reason of a correction.</summary>
    public string? Note { get; set; }

    /// <summary>The counts of the form: property name, English label (a resource key), typed text.</summary>
    public IEnumerable<(string Field, string Label, string? Text)> Counts()
    {
        yield return (nameof(Sessions), "Sessions held", Sessions);
        yield return (nameof(Children), "Children", Children);
        yield return (nameof(Parents), "Parents", Parents);
        yield return (nameof(Teachers), "Teachers", Teachers);
        yield return (nameof(Others), "Other participants", Others);
        yield return (nameof(Posters), "Posters", Posters);
        yield return (nameof(Leaflets), "Leaflets", Leaflets);
        yield return (nameof(Handbooks), "Handbooks", Handbooks);
        yield return (nameof(HandyItems), "Handy items", HandyItems);
        yield return (nameof(OtherMaterials), "Other materials", OtherMaterials);
        yield return (nameof(IndirectReach), "People reached indirectly", IndirectReach);
    }

    public static ReachForm From(Data.ReachReport r) => new()
    {
        Kind = r.ActivityKind,
        Date = r.ActivityDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        Title = r.Title,
        WardCode = r.WardCode,
        Sessions = N(r.Sessions), Children = N(r.Children), Parents = N(r.Parents), Teachers = N(r.Teachers), Others = N(r.Others),
        Posters = N(r.Posters), Leaflets = N(r.Leaflets), Handbooks = N(r.Handbooks), HandyItems = N(r.HandyItems), OtherMaterials = N(r.OtherMaterials),
        IndirectReach = N(r.IndirectReach),
    };

    private static string N(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>A message about one field of the form (or none: <see cref="Field"/> empty), as an English resource key with its arguments.</summary>
public sealed record ReachError(string Field, string Message, params object[] Args);
