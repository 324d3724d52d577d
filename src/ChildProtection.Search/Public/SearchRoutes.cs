namespace ChildProtection.Search.Public;

/// <summary>The search page's address and parameters, in one place so the page, the theme and tests agree.</summary>
public static class SearchRoutes
{
    public const string Page = "/tim-kiem";
    /// <summary>Suggestions as one types (JSON), for the header's search box.</summary>
    public const string Suggestions = "/tim-kiem/goi-y";
    public const string Query = "q";
    public const string Type = "loai";
    public const string Topic = "chu-de";
    public const string PageNumber = "trang";

    public static string Url(string? query, string? type = null, string? topic = null, int page = 1)
    {
        var parts = new List<string>();
        if (!string.IsNullOrEmpty(query)) parts.Add($"{Query}={Uri.EscapeDataString(query)}");
        if (!string.IsNullOrEmpty(type)) parts.Add($"{Type}={Uri.EscapeDataString(type)}");
        if (!string.IsNullOrEmpty(topic)) parts.Add($"{Topic}={Uri.EscapeDataString(topic)}");
        if (page > 1) parts.Add($"{PageNumber}={page}");
        return Page + (parts.Count > 0 ? "?" + string.Join("&", parts) : "");
    }
}
