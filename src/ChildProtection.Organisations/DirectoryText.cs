// The resource lookup composes "{root namespace}.Resources.{type}"; the assembly's name is not its root namespace.
[assembly: Microsoft.Extensions.Localization.RootNamespace("ChildProtection.Organisations")]

namespace ChildProtection.Organisations;

/// <summary>Marker for the module's resource file (Resources/DirectoryText.vi.resx); English text is the key.</summary>
public sealed class DirectoryText;
