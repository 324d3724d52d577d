using System.Text;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Tokens;

namespace ChildProtection.Media.Checking;

/// <summary>
/// Finds what makes a PDF act rather than be read: JavaScript (an OpenAction, an additional action, a
/// document-level script, a link), a Launch action (starts a program), a link to a <c>javascript:</c>
/// address, and embedded files (anything can ride inside). Every object of the file is read through
/// PdfPig's parser, so objects packed in compressed object streams and names written with <c>#xx</c> escapes
/// are seen as a reader sees them; a file the parser cannot walk is scanned byte by byte for the same names.
/// </summary>
public static class PdfActiveContent
{
    public enum Finding { None, JavaScript, Launch, JavaScriptLink, EmbeddedFile }

    private const int MaxDepth = 64;

    public static Finding Find(PdfDocument document)
    {
        var structure = document.Structure;
        var found = Walk(structure.Catalog.CatalogDictionary, 0);
        if (found != Finding.None) return found;
        foreach (var reference in structure.CrossReferenceTable.ObjectOffsets.Keys)
        {
            IToken? token;
            try { token = structure.GetObject(reference)?.Data; }
            catch (Exception ex) when (ex is not OutOfMemoryException) { continue; }
            found = Walk(token, 0);
            if (found != Finding.None) return found;
        }
        return Finding.None;
    }

    /// <summary>For files the parser refuses (an encryption it does not support): the names themselves are never encrypted.</summary>
    public static Finding Scan(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IndexOf("/JavaScript"u8) >= 0 || bytes.IndexOf("/JS "u8) >= 0 || bytes.IndexOf("/JS("u8) >= 0 || bytes.IndexOf("/JS<"u8) >= 0) return Finding.JavaScript;
        if (bytes.IndexOf("/Launch"u8) >= 0) return Finding.Launch;
        if (bytes.IndexOf("/EmbeddedFile"u8) >= 0) return Finding.EmbeddedFile;
        var text = Encoding.Latin1.GetString(bytes);
        return text.Contains("javascript:", StringComparison.OrdinalIgnoreCase) ? Finding.JavaScriptLink : Finding.None;
    }

    private static Finding Walk(IToken? token, int depth)
    {
        if (token is null || depth > MaxDepth) return Finding.None;
        switch (token)
        {
            case StreamToken stream:
                return Walk(stream.StreamDictionary, depth + 1);
            case ArrayToken array:
                foreach (var item in array.Data)
                {
                    var f = Walk(item, depth + 1);
                    if (f != Finding.None) return f;
                }
                return Finding.None;
            case DictionaryToken dictionary:
                var own = Judge(dictionary);
                if (own != Finding.None) return own;
                // Nested dictionaries inline (an annotation's /A, a catalog's /AA); referenced ones are objects of their own.
                foreach (var value in dictionary.Data.Values)
                {
                    var f = Walk(value, depth + 1);
                    if (f != Finding.None) return f;
                }
                return Finding.None;
            default:
                return Finding.None;
        }
    }

    private static Finding Judge(DictionaryToken d)
    {
        if (d.Data.ContainsKey("JS")) return Finding.JavaScript;
        if (d.Data.TryGetValue("S", out var s) && s is NameToken action)
        {
            switch (action.Data)
            {
                case "JavaScript": return Finding.JavaScript;
                case "Launch": return Finding.Launch;
                case "URI" when d.Data.TryGetValue("URI", out var uri) && IsScriptAddress(uri): return Finding.JavaScriptLink;
            }
        }
        // A document-level script name tree, an embedded-file name tree, a file specification carrying a file, an embedded file stream.
        if (d.Data.ContainsKey("JavaScript")) return Finding.JavaScript;
        if (d.Data.ContainsKey("EmbeddedFiles") || d.Data.ContainsKey("EF")) return Finding.EmbeddedFile;
        if (d.Data.TryGetValue("Type", out var type) && type is NameToken { Data: "EmbeddedFile" }) return Finding.EmbeddedFile;
        return Finding.None;
    }

    private static bool IsScriptAddress(IToken token)
    {
        var text = token switch
        {
            StringToken s => s.Data,
            HexToken h => h.Data,
            _ => null,
        };
        if (text is null) return false;
        var trimmed = new string(text.Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c)).ToArray());
        return trimmed.StartsWith("javascript:", StringComparison.OrdinalIgnoreCase) || trimmed.StartsWith("vbscript:", StringComparison.OrdinalIgnoreCase)
            || trimmed.StartsWith("data:text/html", StringComparison.OrdinalIgnoreCase);
    }
}
