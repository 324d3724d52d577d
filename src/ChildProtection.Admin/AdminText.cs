namespace ChildProtection.Admin;

/// <summary>Marker for the admin's resource file (Resources/AdminText.vi.resx).</summary>
public sealed class AdminText;
