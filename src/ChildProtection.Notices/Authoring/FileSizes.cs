using System.Globalization;

namespace ChildProtection.Notices.Authoring;

public static class FileSizes
{
    /// <summary>"20 MB", "1,5 MB", "340 KB" — the way the office writes sizes.</summary>
    public static string Format(long bytes) => bytes >= 1024 * 1024
        ? (bytes / 1024d / 1024d).ToString("0.#", CultureInfo.GetCultureInfo("vi-VN")) + " MB"
        : Math.Max(1, bytes / 1024).ToString(CultureInfo.InvariantCulture) + " KB";
}
