namespace ChildProtection.Testing;

/// <summary>A fresh folder under the system temp directory, deleted (best effort) on dispose.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder(string? prefix = null)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"{prefix ?? "cp-test"}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        // A file still held open (a pooled SQLite handle, a browser profile) must not fail the test.
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
