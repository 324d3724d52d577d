using ChildProtection.Core.Modules;

namespace ChildProtection.Notices.Authoring;

internal sealed class NoticesMenu : IAdminMenuProvider
{
    // The layout translates the label and the group with the admin texts ("Notices" → "Công văn").
    public IEnumerable<AdminMenuItem> GetItems() => [new("Notices", "/admin/notices", NoticesPermission.SendNotices.Name, 10, "Notices")];
}
