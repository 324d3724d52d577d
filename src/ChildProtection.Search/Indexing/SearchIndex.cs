using System.Collections.Concurrent;
using ChildProtection.Core.Modules;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Lucene.Net.Util;
using Microsoft.Extensions.Logging;

namespace ChildProtection.Search.Indexing;

/// <summary>
/// The site's one Lucene index (<c>{App:DataPath}/search</c>) and the process's one writer. The writer is
/// thread-safe; readers come from a <see cref="SearcherManager"/> over the writer (near-real-time), refreshed
/// after every change, so a published item is found as soon as its event has run. A missing or unreadable
/// folder is replaced by an empty index and <see cref="NeedsRebuild"/> says so (the start-up task rebuilds it
/// in the background instead of failing the site).
/// </summary>
internal sealed class SearchIndex : IDisposable
{
    public const string FolderName = "search";

    private readonly string folder;
    private readonly ILogger logger;
    private readonly object gate = new();
    private FSDirectory? directory;
    private IndexWriter? writer;
    private SearcherManager? searchers;
    private bool disposed;
    /// <summary>Ids written by content events while a rebuild runs: the rebuild must not take them for stale.</summary>
    private ConcurrentDictionary<string, byte>? touched;

    public SearchIndex(AppPaths paths, ILogger<SearchIndex> logger) : this(paths.Combine(FolderName), logger) { }

    public SearchIndex(string folder, ILogger logger)
    {
        this.folder = folder;
        this.logger = logger;
    }

    public string Folder => folder;

    /// <summary>True when the index was created empty because the folder was missing or unreadable.</summary>
    public bool NeedsRebuild { get; private set; }

    private (IndexWriter Writer, SearcherManager Searchers) Open()
    {
        if (searchers is { } s && writer is { } w) return (w, s);
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            if (searchers is not null) return (writer!, searchers);
            System.IO.Directory.CreateDirectory(folder);
            var dir = FSDirectory.Open(folder);
            var fresh = false;
            try
            {
                if (!DirectoryReader.IndexExists(dir)) fresh = true;
                else
                {
                    // Opening a reader reads the commit point and every segment's header: a truncated or
                    // overwritten file fails here rather than on a visitor's query.
                    using var reader = DirectoryReader.Open(dir);
                    _ = reader.NumDocs;
                }
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                logger.LogWarning(ex, "The search index in {Folder} could not be read; it is replaced by an empty one and rebuilt", folder);
                dir.Dispose();
                foreach (var file in System.IO.Directory.EnumerateFiles(folder)) File.Delete(file);
                dir = FSDirectory.Open(folder);
                fresh = true;
            }
            var config = new IndexWriterConfig(VietnameseAnalyzers.Version, VietnameseAnalyzers.ForIndex())
            {
                OpenMode = fresh ? OpenMode.CREATE : OpenMode.CREATE_OR_APPEND,
            };
            IndexWriter opened;
            try { opened = new IndexWriter(dir, config); }
            catch
            {
                dir.Dispose();
                throw;
            }
            if (fresh) opened.Commit();
            NeedsRebuild = fresh;
            directory = dir;
            writer = opened;
            searchers = new SearcherManager(opened, true, null);
            return (opened, searchers);
        }
    }

    /// <summary>Opens (or creates) the index now; false when it was missing or unreadable and needs a rebuild.</summary>
    public bool EnsureOpen()
    {
        Open();
        return !NeedsRebuild;
    }

    public void Upsert(SearchDocument document)
    {
        var (w, _) = Open();
        touched?.TryAdd(document.Id, 0);
        w.UpdateDocument(new Term(SearchFields.Id, document.Id), document.ToLucene());
    }

    public void Delete(string id)
    {
        var (w, _) = Open();
        touched?.TryAdd(id, 0);
        w.DeleteDocuments(new Term(SearchFields.Id, id));
    }

    /// <summary>Makes the changes durable and visible to the next query.</summary>
    public void Commit()
    {
        var (w, s) = Open();
        w.Commit();
        s.MaybeRefreshBlocking();
    }

    /// <summary>
    /// After a rebuild: the segments the bulk write left behind merged into one, then committed. Every query
    /// looks each of its words up once per segment and walks each segment's postings: one segment is the
    /// cheapest to search (later publications add small segments the merge policy folds in as usual).
    /// </summary>
    public void Optimize()
    {
        var (w, s) = Open();
        w.ForceMerge(1);
        w.Commit();
        s.MaybeRefreshBlocking();
    }

    /// <summary>Makes the changes visible without the cost of a commit (bulk rebuilds).</summary>
    public void Refresh() => Open().Searchers.MaybeRefreshBlocking();

    public T Read<T>(Func<IndexSearcher, T> read)
    {
        var (_, s) = Open();
        var searcher = s.Acquire();
        try { return read(searcher); }
        finally { s.Release(searcher); }
    }

    public int Count => Read(s => s.IndexReader.NumDocs);

    /// <summary>Every id in the index (live documents only).</summary>
    public HashSet<string> AllIds() => Read(s =>
    {
        var ids = new HashSet<string>();
        var fields = new HashSet<string> { SearchFields.Id };
        foreach (var leaf in s.IndexReader.Leaves)
        {
            var reader = leaf.AtomicReader;
            var live = reader.LiveDocs;
            for (var doc = 0; doc < reader.MaxDoc; doc++)
            {
                if (live is not null && !live.Get(doc)) continue;
                if (reader.Document(doc, fields).Get(SearchFields.Id) is { } id) ids.Add(id);
            }
        }
        return ids;
    });

    public void BeginTracking() => touched = new ConcurrentDictionary<string, byte>();

    public IReadOnlyCollection<string> EndTracking()
    {
        var ids = touched?.Keys.ToList() ?? [];
        touched = null;
        return ids;
    }

    public void MarkRebuilt() => NeedsRebuild = false;

    public void Dispose()
    {
        lock (gate)
        {
            if (disposed) return;
            disposed = true;
            try
            {
                searchers?.Dispose();
                writer?.Dispose();
            }
            catch (Exception ex) when (ex is IOException or ObjectDisposedException)
            {
                logger.LogWarning(ex, "The search index could not be closed cleanly");
            }
            directory?.Dispose();
        }
    }
}
