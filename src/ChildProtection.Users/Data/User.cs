using Microsoft.AspNetCore.Identity;

namespace ChildProtection.Users.Data;

/// <summary>A person who signs in: editors, reviewers, notice senders, school and ward accounts.</summary>
public sealed class User : IdentityUser
{
    public DateTime CreatedUtc { get; set; } = DateTime.UtcNow;
    public DateTime? LastSignInUtc { get; set; }
}
