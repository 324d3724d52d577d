namespace ChildProtection.Core;

/// <summary>Marker for the engine's resource file (Resources/CoreText.vi.resx): validation and recipe messages.</summary>
public sealed class CoreText;
