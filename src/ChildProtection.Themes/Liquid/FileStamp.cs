namespace ChildProtection.Themes.Liquid;

/// <summary>
/// What a file looked like when it was last read. Comparing stamps (write time and length) tells a cache
/// whether a designer has changed the file since; checking at most once per interval keeps a busy
/// page from costing a file-system call per template per request.
/// </summary>
internal readonly record struct FileStamp(bool Exists, DateTime LastWriteUtc, long Length)
{
    public static FileStamp Of(string path)
    {
        var info = new FileInfo(path);
        return info.Exists ? new FileStamp(true, info.LastWriteTimeUtc, info.Length) : new FileStamp(false, default, 0);
    }

    public string Version => Exists ? (LastWriteUtc.Ticks ^ Length).ToString("x") : "0";
}
