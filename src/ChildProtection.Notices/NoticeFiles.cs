using System.Data.Common;
using System.Globalization;
using ChildProtection.Core.Files;

namespace ChildProtection.Notices;

/// <summary>
/// Where a notice's attachments live: <c>notices/{noticeId}/{storedName}</c> in the site's file store (the
/// folder under <c>App:DataPath</c>, or the database when several nodes send and serve them).
/// </summary>
public sealed class NoticeFiles(IFileStore store)
{
    public const string Prefix = "notices/";

    public IFileStore Store => store;

    public static string FolderFor(int noticeId) => Prefix + noticeId.ToString(CultureInfo.InvariantCulture) + "/";

    public static string PathFor(int noticeId, string storedName)
    {
        // Stored names are ours (a random id and an extension); refuse anything that could leave the folder.
        if (storedName.IndexOfAny(['/', '\\']) >= 0 || storedName.Contains("..", StringComparison.Ordinal))
            throw new ArgumentException("Not a stored attachment name.", nameof(storedName));
        return FolderFor(noticeId) + storedName;
    }

    /// <summary>Files sent with replies: <c>notices/{noticeId}/replies/{storedName}</c>, apart from the notice's own attachments.</summary>
    public static string ReplyPathFor(int noticeId, string storedName)
    {
        PathFor(noticeId, storedName); // the same check on the name
        return FolderFor(noticeId) + "replies/" + storedName;
    }

    public Task<StoredFile?> OpenAsync(int noticeId, string storedName, CancellationToken cancellationToken) =>
        store.OpenAsync(PathFor(noticeId, storedName), cancellationToken);

    public Task WriteAsync(int noticeId, string storedName, Stream content, DbTransaction? transaction, CancellationToken cancellationToken) =>
        store.WriteAsync(PathFor(noticeId, storedName), content, transaction, cancellationToken);

    public Task DeleteAsync(int noticeId, string storedName, CancellationToken cancellationToken) =>
        store.DeleteAsync(PathFor(noticeId, storedName), null, cancellationToken);
}
