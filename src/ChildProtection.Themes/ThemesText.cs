namespace ChildProtection.Themes;

/// <summary>Marker for the Themes module's resource file (Resources/ThemesText.vi.resx).</summary>
public sealed class ThemesText;
