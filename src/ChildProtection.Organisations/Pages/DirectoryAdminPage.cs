using ChildProtection.Core.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Organisations.Pages;

/// <summary>What the directory's admin pages share: the ManageDirectory check and how refusals and dates look.</summary>
public abstract class DirectoryAdminPage : PageModel
{
    public List<string> Errors { get; } = [];

    /// <summary>A visitor who is not signed in is sent to the login page; a signed-in user without the right sees "access denied".</summary>
    protected IActionResult Denied() => User.Identity?.IsAuthenticated == true ? Forbid() : Challenge();

    protected Task<bool> MayManageAsync() =>
        HttpContext.RequestServices.GetRequiredService<IAuthorizationService>().AuthorizeAsync(User, DirectoryPermission.ManageDirectory);

    public static string Date(DateOnly? date) => date?.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture) ?? "";

    /// <summary>A moment as the office reads it (Vietnam time, UTC+7).</summary>
    public static string When(DateTime utc) => utc.AddHours(7).ToString("dd/MM/yyyy HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    public static string KindLabel(OrganisationKind kind) => DirectoryTerms.Label(kind);

    public static string LevelLabel(SchoolLevel? level) => level is { } l ? DirectoryTerms.Label(l) : "";

    /// <summary>Today in Vietnam (UTC+7, no daylight saving): validity is by the local calendar day.</summary>
    public static DateOnly Today => DatabaseRecipientDirectory.VietnamToday;
}
