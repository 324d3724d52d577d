namespace ChildProtection.Users.Security;

/// <summary>Roles the permission handler treats specially; they exist on every site and cannot be deleted.</summary>
public static class RoleNames
{
    /// <summary>Holds every permission, whatever its stored list says.</summary>
    public const string Administrator = "Administrator";
    /// <summary>The only role of a visitor who is not signed in.</summary>
    public const string Anonymous = "Anonymous";
    /// <summary>Every signed-in user has it in addition to their own roles.</summary>
    public const string Authenticated = "Authenticated";

    public static bool IsProtected(string name) =>
        string.Equals(name, Administrator, StringComparison.OrdinalIgnoreCase)
        || string.Equals(name, Anonymous, StringComparison.OrdinalIgnoreCase)
        || string.Equals(name, Authenticated, StringComparison.OrdinalIgnoreCase);

    /// <summary>Anonymous and Authenticated are given by the handler, never assigned to a user.</summary>
    public static bool IsAssignable(string name) =>
        !string.Equals(name, Anonymous, StringComparison.OrdinalIgnoreCase)
        && !string.Equals(name, Authenticated, StringComparison.OrdinalIgnoreCase);
}
