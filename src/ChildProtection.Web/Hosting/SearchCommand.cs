using ChildProtection.Search;

namespace ChildProtection.Web.Hosting;

/// <summary>
/// <c>ChildProtection.Web search rebuild</c>: rebuilds the search index from the published items in the
/// configured database, then exits (0 done, 1 failed — e.g. a running site holds the index —, 2 wrong usage).
/// </summary>
public static class SearchCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length < 2 || args[1] != "rebuild")
        {
            Console.Error.WriteLine("Usage: ChildProtection.Web search rebuild");
            return 2;
        }
        var app = SiteHost.Build(args[2..]);
        await SitePreparation.PrepareAsync(app.Services, CancellationToken.None);
        var index = app.Services.GetRequiredService<ISearchIndexAdmin>();
        try
        {
            var started = System.Diagnostics.Stopwatch.StartNew();
            var count = await index.RebuildAsync();
            Console.WriteLine($"Search index rebuilt in {started.Elapsed.TotalSeconds:F1} s: {count} items in {index.Folder}");
            return 0;
        }
        catch (Lucene.Net.Store.LockObtainFailedException)
        {
            Console.Error.WriteLine($"The search index in {index.Folder} is in use by a running site: rebuild it from the admin (/admin/search), or stop the site first.");
            return 1;
        }
        finally
        {
            await app.DisposeAsync();
        }
    }
}
