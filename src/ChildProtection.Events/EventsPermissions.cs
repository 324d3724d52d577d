using ChildProtection.Core.Security;

namespace ChildProtection.Events;

public static class EventsPermissions
{
    /// <summary>Registrations of every event: the attendee lists, their export, cancelling on someone's behalf.</summary>
    public static readonly Permission ManageRegistrations = new("ManageEventRegistrations", "See, export and cancel event registrations") { Category = "Events" };
    /// <summary>The queue of children's questions and opinions: publish with an answer, or reject.</summary>
    public static readonly Permission ModerateVoices = new("ModerateForumVoices", "Moderate children's questions and opinions before forums") { Category = "Events" };

    public static readonly Permission[] All = [ManageRegistrations, ModerateVoices];
}

internal sealed class EventsPermissionProvider : IPermissionProvider
{
    public Task<IEnumerable<Permission>> GetPermissionsAsync() => Task.FromResult<IEnumerable<Permission>>(EventsPermissions.All);

    public IEnumerable<PermissionStereotype> GetDefaultStereotypes() =>
    [
        new("Administrator", EventsPermissions.All),
        new("Editor", EventsPermissions.All),
        new("Reviewer", EventsPermissions.All),
    ];
}
