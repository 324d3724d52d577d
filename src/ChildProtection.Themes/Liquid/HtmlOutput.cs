using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace ChildProtection.Themes.Liquid;

/// <summary>
/// The encoder for template output. The default HtmlEncoder turns every Vietnamese letter outside Basic
/// Latin into an entity (ế becomes &amp;#x1EBF;), which bloats pages and breaks text search in the
/// source; this one still encodes markup characters but leaves letters as they are.
/// </summary>
public static class HtmlOutput
{
    public static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);
}
