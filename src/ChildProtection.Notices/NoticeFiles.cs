using ChildProtection.Core.Modules;

namespace ChildProtection.Notices;

/// <summary>Where a notice's attachments live: <c>App:DataPath/notices/{noticeId}/{storedName}</c>.</summary>
public sealed class NoticeFiles(AppPaths paths)
{
    public string FolderFor(int noticeId) => Path.Combine(paths.Combine("notices"), noticeId.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public string PathFor(int noticeId, string storedName)
    {
        // Stored names are ours (a random id and an extension); refuse anything that could leave the folder.
        if (storedName.IndexOfAny(['/', '\\']) >= 0 || storedName.Contains("..", StringComparison.Ordinal))
            throw new ArgumentException("Not a stored attachment name.", nameof(storedName));
        return Path.Combine(FolderFor(noticeId), storedName);
    }
}
