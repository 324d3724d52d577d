namespace ChildProtection.Users;

/// <summary>Marker for the module's resource file (Resources/UsersText.vi.resx); English text is the key.</summary>
public sealed class UsersText;
