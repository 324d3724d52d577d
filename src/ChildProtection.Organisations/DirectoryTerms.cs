namespace ChildProtection.Organisations;

/// <summary>
/// The words users write for kinds and levels, in the import files and on screen: Vietnamese first (what
/// export writes), English accepted. Matching is on folded text, so "truong", "Trường" and "TRƯỜNG" agree.
/// </summary>
public static class DirectoryTerms
{
    private static readonly (OrganisationKind Kind, string Label, string[] Aliases)[] Kinds =
    [
        (OrganisationKind.School, "Trường", ["truong", "truong hoc", "school"]),
        (OrganisationKind.Ward, "Phường", ["phuong", "ward"]),
        (OrganisationKind.Commune, "Xã", ["xa", "commune"]),
        (OrganisationKind.Agency, "Cơ quan", ["co quan", "agency", "office", "phong", "so"]),
    ];

    private static readonly (SchoolLevel Level, string Label, string[] Aliases)[] Levels =
    [
        (SchoolLevel.Preschool, "Mầm non", ["mam non", "mau giao", "preschool"]),
        (SchoolLevel.Primary, "Tiểu học", ["tieu hoc", "th", "primary"]),
        (SchoolLevel.LowerSecondary, "THCS", ["thcs", "trung hoc co so", "lower secondary", "lowersecondary"]),
        (SchoolLevel.UpperSecondary, "THPT", ["thpt", "trung hoc pho thong", "upper secondary", "uppersecondary"]),
        (SchoolLevel.Other, "Khác", ["khac", "other"]),
    ];

    public static string Label(OrganisationKind kind) => Kinds.First(k => k.Kind == kind).Label;

    public static string Label(SchoolLevel level) => Levels.First(l => l.Level == level).Label;

    public static OrganisationKind? ParseKind(string? text)
    {
        var key = TextFolding.Fold(text);
        foreach (var (kind, _, aliases) in Kinds)
            if (aliases.Contains(key) || key == kind.ToString().ToLowerInvariant()) return kind;
        return null;
    }

    public static SchoolLevel? ParseLevel(string? text)
    {
        var key = TextFolding.Fold(text);
        foreach (var (level, _, aliases) in Levels)
            if (aliases.Contains(key) || key == level.ToString().ToLowerInvariant()) return level;
        return null;
    }

    public static bool IsWardLike(OrganisationKind kind) => kind is OrganisationKind.Ward or OrganisationKind.Commune;
}
