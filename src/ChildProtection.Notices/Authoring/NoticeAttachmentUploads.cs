using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using ChildProtection.Notices.Data;
using Microsoft.AspNetCore.Http;

namespace ChildProtection.Notices.Authoring;

/// <summary>
/// Uploaded attachments: staged to temporary files and checked by content before anything is kept,
/// then written under our own names into the notice's folder in the file store (the original name is data only).
/// </summary>
public sealed class NoticeAttachmentUploads(NoticeFiles files) : IDisposable
{
    public sealed record Staged(string TempPath, string FileName, AttachmentInspector.Kind Kind, long Size, string Sha256);

    private readonly List<Staged> staged = [];
    public IReadOnlyList<Staged> Files => staged;
    public long TotalBytes => staged.Sum(s => s.Size);

    /// <summary>Stages every file; returns English resource keys of the problems, with the file name as argument.</summary>
    public async Task<List<(string Key, string FileName)>> StageAsync(IEnumerable<IFormFile> uploads, CancellationToken cancellationToken)
    {
        var problems = new List<(string, string)>();
        foreach (var upload in uploads)
        {
            if (upload.Length == 0 && string.IsNullOrEmpty(upload.FileName)) continue;
            var name = CleanName(upload.FileName);
            if (upload.Length == 0) { problems.Add(("The file {0} is empty.", name)); continue; }
            var temp = Path.GetTempFileName();
            string hash;
            AttachmentInspector.Kind? kind;
            await using (var target = new FileStream(temp, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.Asynchronous))
            {
                await using (var source = upload.OpenReadStream()) await source.CopyToAsync(target, cancellationToken);
                target.Position = 0;
                hash = Convert.ToHexStringLower(await SHA256.HashDataAsync(target, cancellationToken));
                kind = AttachmentInspector.Identify(target);
            }
            if (kind is null)
            {
                File.Delete(temp);
                problems.Add(("The file {0} is not a PDF, Word (.docx) or Excel (.xlsx) document.", name));
                continue;
            }
            // Keep the name the person knows, with the extension matching what the file really is.
            if (!name.EndsWith(kind.Extension, StringComparison.OrdinalIgnoreCase)) name = Path.GetFileNameWithoutExtension(name) + kind.Extension;
            staged.Add(new Staged(temp, name, kind, upload.Length, hash));
        }
        return problems;
    }

    /// <summary>
    /// Writes the staged files into the notice's folder in the file store and returns their rows (not yet
    /// added to a context). Give the transaction the rows will be saved in: on the database store the files
    /// then commit with them; <see cref="Written"/> lists what a folder store wrote, for removal if the save fails.
    /// </summary>
    public async Task<List<NoticeAttachment>> KeepAsync(int noticeId, DateTime nowUtc, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        var kept = new List<NoticeAttachment>();
        foreach (var s in staged)
        {
            var storedName = Guid.NewGuid().ToString("N") + s.Kind.Extension;
            await using (var content = new FileStream(s.TempPath, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan))
                await files.WriteAsync(noticeId, storedName, content, transaction, cancellationToken);
            written.Add((noticeId, storedName));
            kept.Add(new NoticeAttachment
            {
                NoticeId = noticeId, FileName = s.FileName, ContentType = s.Kind.ContentType, Size = s.Size, StoredName = storedName,
                Sha256 = s.Sha256, UploadedUtc = nowUtc,
            });
        }
        return kept;
    }

    private readonly List<(int NoticeId, string StoredName)> written = [];

    /// <summary>The save failed: removes what <see cref="KeepAsync"/> wrote (the database store rolled it back already).</summary>
    public async Task ForgetWrittenAsync()
    {
        if (files.Store.Transactional) return;
        foreach (var (noticeId, storedName) in written) await files.DeleteAsync(noticeId, storedName, CancellationToken.None);
        written.Clear();
    }

    /// <summary>Browsers send Vietnamese names as typed; some send a whole path. Composed form, no path, at most 255 characters.</summary>
    public static string CleanName(string? raw)
    {
        var name = Path.GetFileName((raw ?? "").Replace('\\', '/')).Trim().Normalize(NormalizationForm.FormC);
        name = new string(name.Where(c => !char.IsControl(c)).ToArray());
        if (name.Length == 0) name = "tep-dinh-kem";
        if (name.Length > 255)
        {
            var ext = Path.GetExtension(name);
            name = name[..(255 - ext.Length)] + ext;
        }
        return name;
    }

    public void Dispose()
    {
        foreach (var s in staged) { try { File.Delete(s.TempPath); } catch (IOException) { } }
        staged.Clear();
    }
}
