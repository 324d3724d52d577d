// The resource lookup composes "{root namespace}.Resources.{type}"; the assembly's name is not its root namespace.
[assembly: Microsoft.Extensions.Localization.RootNamespace("ChildProtection.Events")]

namespace ChildProtection.Events;

/// <summary>Marker for the module's resource file (Resources/EventsText.vi.resx); English text is the key.</summary>
public sealed class EventsText;
