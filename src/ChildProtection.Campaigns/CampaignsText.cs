// The resource lookup composes "{root namespace}.Resources.{type}"; the assembly's name is not its root namespace.
[assembly: Microsoft.Extensions.Localization.RootNamespace("ChildProtection.Campaigns")]

namespace ChildProtection.Campaigns;

/// <summary>Marker for the module's resource file (Resources/CampaignsText.vi.resx); English text is the key.</summary>
public sealed class CampaignsText;
