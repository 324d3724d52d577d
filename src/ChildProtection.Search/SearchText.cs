// The resource lookup composes "{root namespace}.Resources.{type}"; the assembly's name is not its root namespace.
[assembly: Microsoft.Extensions.Localization.RootNamespace("ChildProtection.Search")]

namespace ChildProtection.Search;

/// <summary>Marker for the module's resource file (Resources/SearchText.vi.resx); English text is the key.</summary>
public sealed class SearchText;
