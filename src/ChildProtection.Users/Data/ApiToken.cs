namespace ChildProtection.Users.Data;

/// <summary>
/// A bearer token an administrator created for themselves. Only the SHA-256 hash of the secret is kept:
/// a stolen database copy gives no usable token.
/// </summary>
public sealed class ApiToken
{
    public long Id { get; set; }
    public string Name { get; set; } = "";
    public string UserId { get; set; } = "";
    /// <summary>Lower-case hex SHA-256 of the whole token text (with its <c>cp_</c> prefix).</summary>
    public string TokenHash { get; set; } = "";
    /// <summary>The first characters of the token, so people can tell their tokens apart in the list.</summary>
    public string Hint { get; set; } = "";
    /// <summary>What the token may do (read, or read and write content), whatever its user may do.</summary>
    public ApiTokenScope Scope { get; set; } = ApiTokenScope.ReadContent;
    public DateTime CreatedUtc { get; set; }
    /// <summary>Every token expires: one that leaks keeps working only until then.</summary>
    public DateTime ExpiresUtc { get; set; }
    public DateTime? LastUsedUtc { get; set; }
    public DateTime? RevokedUtc { get; set; }
}

/// <summary>Stored by name: a row read in a database tool says what the token may do.</summary>
public enum ApiTokenScope
{
    ReadContent,
    WriteContent,
}
