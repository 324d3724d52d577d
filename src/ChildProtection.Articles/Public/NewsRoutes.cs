namespace ChildProtection.Articles.Public;

/// <summary>The public addresses of news (Vietnamese, without diacritics, as the rest of the site).</summary>
public static class NewsRoutes
{
    public const string List = "/tin-tuc";
    public const string TopicPrefix = "/chu-de";
    public const string PrintPrefix = "/ban-in";
    public const string PageParameter = "trang";
    public const string TopicParameter = "chu-de";

    public static string Topic(string termId) => $"{TopicPrefix}/{Uri.EscapeDataString(termId)}";
    public static string Rss(string? termId) => termId is null ? $"{List}/rss.xml" : $"{Topic(termId)}/rss.xml";
    public static string Atom(string? termId) => termId is null ? $"{List}/atom.xml" : $"{Topic(termId)}/atom.xml";
    public static string Print(string path) => $"{PrintPrefix}/{path.TrimStart('/')}";
}
