namespace ChildProtection.Library.Indexing;

/// <summary>Library title search keys: Core's one Vietnamese folding rule (see <see cref="Core.Text.VietnameseFolding"/>).</summary>
public static class TitleFolding
{
    public static string Fold(string? text) => Core.Text.VietnameseFolding.Fold(text);
}
