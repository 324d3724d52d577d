using ChildProtection.Users.Accounts;

namespace ChildProtection.Users.Pages.Admin.Users;

/// <summary>What the "Đơn vị" field shows: the text in the box and the organisation saved now (if any).</summary>
public sealed record OrganisationField(string? Text, OrganisationShown? Current, bool Disabled = false);
