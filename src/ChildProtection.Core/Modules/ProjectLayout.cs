namespace ChildProtection.Core.Modules;

/// <summary>
/// Finds the repository folders the site reads at run time (<c>themes/</c>, <c>recipes/</c>): next to
/// the published binaries first, then walking up from the content root (for <c>dotnet run</c> and tests).
/// </summary>
public static class ProjectLayout
{
    public static string FindFolder(string name, params string[] startPoints)
    {
        foreach (var start in startPoints.Where(s => !string.IsNullOrEmpty(s)))
        {
            var dir = new DirectoryInfo(start);
            while (dir is not null)
            {
                var candidate = Path.Combine(dir.FullName, name);
                if (Directory.Exists(candidate)) return candidate;
                dir = dir.Parent;
            }
        }
        return Path.Combine(startPoints.FirstOrDefault(s => !string.IsNullOrEmpty(s)) ?? ".", name);
    }
}
