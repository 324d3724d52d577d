using System.Data.Common;

namespace ChildProtection.Core.Files;

public enum FileStoreKind { Folder, Database }

/// <summary>
/// Where the files people upload live (media originals and public copies, notice attachments, import
/// previews): a folder under <c>App:DataPath</c> on one node, or the database when several nodes serve the
/// same site. Names are relative, '/'-separated and ours (<c>media/ab/{id}/full.jpg</c>): see
/// <see cref="StoredPaths"/>. Every operation streams; no file is ever held whole in memory.
/// </summary>
public interface IFileStore
{
    FileStoreKind Kind { get; }

    /// <summary>
    /// True when a write or delete given a transaction commits or rolls back with it (the database store).
    /// The folder store writes at once: a module that deletes a row and its files deletes the files after
    /// its commit, and one that adds a row removes the files it wrote when the commit fails.
    /// </summary>
    bool Transactional { get; }

    /// <summary>The file, or null when it does not exist or is incomplete (a missing chunk is logged, never thrown).</summary>
    Task<StoredFile?> OpenAsync(string path, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes (or replaces) a file from a stream, read to its end in small pieces. With
    /// <paramref name="transaction"/> (a module's own DbContext transaction, e.g.
    /// <c>db.Database.CurrentTransaction.GetDbTransaction()</c>) the database store writes on that connection,
    /// so the file and the module's row commit together or not at all.
    /// </summary>
    Task<StoredFileInfo> WriteAsync(string path, Stream content, DbTransaction? transaction = null, CancellationToken cancellationToken = default);

    Task<bool> ExistsAsync(string path, CancellationToken cancellationToken = default);

    Task DeleteAsync(string path, DbTransaction? transaction = null, CancellationToken cancellationToken = default);

    /// <summary>Deletes every file whose name starts with <paramref name="prefix"/> (a folder: end it with '/').</summary>
    Task DeletePrefixAsync(string prefix, DbTransaction? transaction = null, CancellationToken cancellationToken = default);

    /// <summary>Every file whose name starts with <paramref name="prefix"/>, ordered by name.</summary>
    Task<IReadOnlyList<StoredFileInfo>> ListAsync(string prefix, CancellationToken cancellationToken = default);
}

/// <summary>A file's name, size, time of its last write and the version that changes whenever it is replaced.</summary>
public sealed record StoredFileInfo(string Path, long Length, DateTime LastWriteUtc, string Version);

/// <summary>
/// An opened file. <see cref="PhysicalPath"/> is set when it is a file on this node's disk (the folder
/// store, or a hit in the database store's local cache): the fastest to send. <see cref="OpenRead"/> always
/// works and gives a seekable stream (HTTP ranges) that reads only what is asked for.
/// </summary>
public sealed class StoredFile
{
    public required string Path { get; init; }
    public required long Length { get; init; }
    public required DateTime LastWriteUtc { get; init; }
    public required string Version { get; init; }
    public string? PhysicalPath { get; init; }
    public required Func<Stream> OpenRead { get; init; }
}

/// <summary>A read that found a chunk gone after the file was opened (a concurrent delete, or damage).</summary>
public sealed class StoredFileDamagedException(string message) : IOException(message);
