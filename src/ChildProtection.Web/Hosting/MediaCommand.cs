using ChildProtection.Core.Files;

namespace ChildProtection.Web.Hosting;

/// <summary>
/// <c>ChildProtection.Web media move-to Database|Folder [--remove-source]</c>: copies every uploaded file
/// (media, notice attachments, import previews) from the other store into the named one, checked by SHA-256,
/// resumable; then set <c>Media:Store</c> to it. Exits 0 when every file is there, 1 when some failed (run it
/// again), 2 on wrong usage.
/// </summary>
public static class MediaCommand
{
    private const string Usage = "Usage: ChildProtection.Web media move-to Database|Folder [--remove-source]";

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length < 3 || args[1] != "move-to" || !Enum.TryParse<FileStoreKind>(args[2], ignoreCase: true, out var target) || !Enum.IsDefined(target))
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }
        var rest = args[3..];
        var removeSource = rest.Contains("--remove-source");
        var app = SiteHost.Build(rest.Where(a => a != "--remove-source").ToArray());
        try
        {
            await SitePreparation.PrepareAsync(app.Services, CancellationToken.None);
            var stores = app.Services.GetRequiredService<FileStores>();
            var from = stores.Get(target == FileStoreKind.Database ? FileStoreKind.Folder : FileStoreKind.Database);
            var prefixes = app.Services.GetServices<StoredFilePrefix>().Select(p => p.Prefix).ToList();
            var summary = await new FileStoreMove(from, stores.Get(target), Console.Out).RunAsync(prefixes, removeSource, CancellationToken.None);
            if (summary.Failed > 0)
            {
                Console.Error.WriteLine($"{summary.Failed} file(s) were not moved; run the command again (files already moved are skipped).");
                return 1;
            }
            if (stores.Configured != target)
                Console.WriteLine($"Every file is in the {target} store. Set Media:Store={target} and restart the site to serve from it.");
            return 0;
        }
        finally
        {
            await app.DisposeAsync();
        }
    }
}
