namespace ChildProtection.Library.Public;

/// <summary>The library's public addresses, in one place so pages, templates and tests agree.</summary>
public static class LibraryRoutes
{
    /// <summary>The list, and the path prefix every resource's address must have (so the library serves it, not the generic page).</summary>
    public const string Prefix = "thu-vien";
    public const string List = "/" + Prefix;
    public const string DownloadSegment = "tai-ve";
    public const string CoverSegment = "anh-bia";
    public const string PackPrefix = "/bo-tai-lieu";
    public const string QrPrefix = "/qr";

    public static string Resource(string path) => "/" + path;
    public static string Download(string path, string variantKey) => $"/{path}/{DownloadSegment}/{Uri.EscapeDataString(variantKey)}";
    public static string Cover(string path, string size) => $"/{path}/{CoverSegment}/{size}";
    public static string Pack(string campaignId) => $"{PackPrefix}/{campaignId}.zip";
    public static string Qr(string path, string format) => $"{QrPrefix}/{path}.{format}";
}
