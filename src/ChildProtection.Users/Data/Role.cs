using Microsoft.AspNetCore.Identity;

namespace ChildProtection.Users.Data;

/// <summary>A role is data; its permissions are role claims of type <see cref="PermissionClaim.Type"/>.</summary>
public sealed class Role : IdentityRole
{
    public Role() { }
    public Role(string name) : base(name) { }

    public string Description { get; set; } = "";
}

public static class PermissionClaim
{
    public const string Type = "Permission";
}
