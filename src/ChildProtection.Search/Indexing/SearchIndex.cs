using System.Collections.Concurrent;
using ChildProtection.Core.Modules;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Lucene.Net.Util;
using Microsoft.Extensions.Logging;

namespace ChildProtection.Search.Indexing;

/// <summary>
/// The node's one Lucene index (<c>{App:DataPath}/search</c>) and the process's one writer. The writer is
/// thread-safe; readers come from a <see cref="SearcherManager"/> over the writer (near-real-time), refreshed
/// after every change, so a published item is found as soon as its change has been applied. A missing or
/// unreadable folder is replaced by an empty index and <see cref="NeedsRebuild"/> says so (the start-up task
/// rebuilds it in the background instead of failing the site).
/// Each commit carries, in its user data, the index's reader id and the position of the content change log it
/// has applied (<see cref="Applied"/>): the index and its position are written by the same commit, so they
/// never disagree. An index without a position (new, or a rebuild that did not finish) needs a rebuild.
/// </summary>
internal sealed class SearchIndex : IDisposable
{
    public const string FolderName = "search";
    private const string PositionKey = "cp.log-position";
    private const string ReaderKey = "cp.log-reader";

    private readonly string folder;
    private readonly ILogger logger;
    private readonly object gate = new();
    private FSDirectory? directory;
    private IndexWriter? writer;
    private SearcherManager? searchers;
    private bool disposed;
    /// <summary>Ids written from the change log while a rebuild runs: the rebuild must not take them for stale, nor write its older copy over them.</summary>
    private ConcurrentDictionary<string, byte>? touched;
    /// <summary>Serialises "was it touched?" with the write that follows, between the rebuild and the change log.</summary>
    private readonly object writeGate = new();
    private long applied;

    public SearchIndex(AppPaths paths, ILogger<SearchIndex> logger) : this(paths.Combine(FolderName), logger) { }

    public SearchIndex(string folder, ILogger logger)
    {
        this.folder = folder;
        this.logger = logger;
    }

    public string Folder => folder;

    /// <summary>True when the index was created empty because the folder was missing or unreadable, or carries no log position.</summary>
    public bool NeedsRebuild { get; private set; }

    /// <summary>This index's name among the change log's readers (kept in its commits; a new index gets a new one).</summary>
    public string ReaderId { get; private set; } = "";

    /// <summary>The last change log position applied to the documents (committed with them by <see cref="Commit"/> once the index is complete).</summary>
    public long Applied
    {
        get => Interlocked.Read(ref applied);
        set => Interlocked.Exchange(ref applied, value);
    }

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
            var data = fresh ? new Dictionary<string, string>() : opened.CommitData;
            ReaderId = data.TryGetValue(ReaderKey, out var name) && name.Length > 0 ? name : "search:" + Guid.NewGuid().ToString("N");
            long position = 0;
            var positioned = data.TryGetValue(PositionKey, out var text) && long.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out position);
            Applied = positioned ? position : 0;
            NeedsRebuild = fresh || !positioned;
            opened.SetCommitData(UserData(opened, NeedsRebuild));
            if (fresh) opened.Commit();
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
        lock (writeGate)
        {
            touched?.TryAdd(document.Id, 0);
            w.UpdateDocument(new Term(SearchFields.Id, document.Id), document.ToLucene());
        }
    }

    /// <summary>
    /// A rebuild's write: skipped when the change log wrote the item since the rebuild began (its copy was read
    /// after the change committed; the rebuild's may be older).
    /// </summary>
    public void UpsertFromRebuild(SearchDocument document)
    {
        var (w, _) = Open();
        lock (writeGate)
        {
            if (touched?.ContainsKey(document.Id) == true) return;
            w.UpdateDocument(new Term(SearchFields.Id, document.Id), document.ToLucene());
        }
    }

    public void Delete(string id)
    {
        var (w, _) = Open();
        lock (writeGate)
        {
            touched?.TryAdd(id, 0);
            w.DeleteDocuments(new Term(SearchFields.Id, id));
        }
    }

    /// <summary>Makes the changes durable (with the applied log position, once the index is complete) and visible to the next query.</summary>
    public void Commit()
    {
        var (w, s) = Open();
        lock (gate)
        {
            w.SetCommitData(UserData(w, NeedsRebuild));
            w.Commit();
        }
        s.MaybeRefreshBlocking();
    }

    private Dictionary<string, string> UserData(IndexWriter w, bool incomplete)
    {
        var data = new Dictionary<string, string> { [ReaderKey] = ReaderId };
        if (!incomplete) data[PositionKey] = Applied.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return data;
    }

    /// <summary>
    /// Before a rebuild of an index that missed changes (new, unfinished, or behind a trimmed log): it starts
    /// from <paramref name="latest"/>, the log's newest position read before the database is, and is committed
    /// without a position until the rebuild completes.
    /// </summary>
    public void StartOver(long latest)
    {
        Open();
        NeedsRebuild = true;
        if (Applied < latest) Applied = latest;
    }

    /// <summary>
    /// After a rebuild: the segments the bulk write left behind merged into one, then committed. Every query
    /// looks each of its words up once per segment and walks each segment's postings: one segment is the
    /// cheapest to search (later publications add small segments the merge policy folds in as usual).
    /// </summary>
    public void Optimize()
    {
        var (w, _) = Open();
        w.ForceMerge(1);
        Commit();
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

    /// <summary>
    /// The version of what searches read now: it changes whenever a change becomes visible (applied from the
    /// change log, or a rebuild), so a result computed at one version is exactly what a search would find while it lasts.
    /// </summary>
    public long Version => Read(s => s.IndexReader is DirectoryReader d ? d.Version : 0);

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

    /// <summary>The rebuild finished: from the next commit on, the index carries its position.</summary>
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
