namespace ChildProtection.Web;

/// <summary>Marker for the host's resource file (Resources/WebText.vi.resx): setup, errors, command line.</summary>
public sealed class WebText;
