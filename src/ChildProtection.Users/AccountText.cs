namespace ChildProtection.Users;

/// <summary>Marker for the staff-account pages' resource file (Resources/AccountText.vi.resx): password, two-factor, throttling.</summary>
public sealed class AccountText;
