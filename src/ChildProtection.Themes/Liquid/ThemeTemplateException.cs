namespace ChildProtection.Themes.Liquid;

/// <summary>A template a designer wrote that Fluid cannot parse; the message names the file and the error.</summary>
public sealed class ThemeTemplateException(string message) : Exception(message);
