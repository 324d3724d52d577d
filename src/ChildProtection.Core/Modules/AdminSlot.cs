namespace ChildProtection.Core.Modules;

/// <summary>
/// A piece of admin UI that one module adds to a screen another module owns: a Razor partial of the
/// module's own, named by its application path, rendered with the screen's model. The content editor
/// shows the review panel this way without the admin knowing the review workflow.
/// </summary>
public sealed record AdminSlot(string Screen, string PartialPath, int Position = 0);

public interface IAdminSlotProvider
{
    IEnumerable<AdminSlot> GetSlots();
}

/// <summary>The screens that have slots, and the model each passes to its partials.</summary>
public static class AdminScreens
{
    /// <summary>The admin top bar, beside the user name; model: none.</summary>
    public const string TopBar = "TopBar";
    /// <summary>Above the content editor's form; model: the latest <c>ContentItem</c> (not for new items).</summary>
    public const string ContentEditor = "ContentEditor";
}
