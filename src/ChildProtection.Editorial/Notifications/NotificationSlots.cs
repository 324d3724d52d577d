using ChildProtection.Core.Modules;

namespace ChildProtection.Editorial.Notifications;

/// <summary>The bell in the admin top bar and the review panel above the content editor.</summary>
internal sealed class EditorialSlots : IAdminSlotProvider
{
    public IEnumerable<AdminSlot> GetSlots() =>
    [
        new(AdminScreens.TopBar, "/Pages/Editorial/_NotificationBell.cshtml"),
        new(AdminScreens.ContentEditor, "/Pages/Editorial/_ReviewPanel.cshtml"),
    ];
}
