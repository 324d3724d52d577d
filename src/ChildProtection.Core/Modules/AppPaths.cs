using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace ChildProtection.Core.Modules;

/// <summary>
/// Where the site keeps its own files: the SQLite database, media, data-protection keys, the mail
/// outbox and search indexes. <c>App:DataPath</c> names it; the default is <c>App_Data</c> under the
/// content root.
/// </summary>
public sealed class AppPaths
{
    public AppPaths(string dataPath, string contentRoot)
    {
        DataPath = Path.GetFullPath(dataPath);
        ContentRoot = contentRoot;
        Directory.CreateDirectory(DataPath);
    }

    public string DataPath { get; }
    public string ContentRoot { get; }

    public string Combine(params string[] parts) => Path.Combine([DataPath, .. parts]);

    public static AppPaths From(IConfiguration configuration, IHostEnvironment environment)
    {
        var configured = configuration["App:DataPath"];
        var path = string.IsNullOrWhiteSpace(configured)
            ? Path.Combine(environment.ContentRootPath, "App_Data")
            : Path.IsPathRooted(configured) ? configured : Path.Combine(environment.ContentRootPath, configured);
        return new AppPaths(path, environment.ContentRootPath);
    }
}
