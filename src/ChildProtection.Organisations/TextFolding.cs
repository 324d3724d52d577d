namespace ChildProtection.Organisations;

/// <summary>The directory's name keys: Core's one Vietnamese folding rule (see <see cref="Core.Text.VietnameseFolding"/>).</summary>
public static class TextFolding
{
    public static string Fold(string? text) => Core.Text.VietnameseFolding.Fold(text);
}
