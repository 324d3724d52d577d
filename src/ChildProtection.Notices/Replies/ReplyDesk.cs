using System.Globalization;
using System.Security.Cryptography;
using ChildProtection.Audit;
using ChildProtection.Notices.Authoring;
using ChildProtection.Notices.Data;
using ChildProtection.Organisations;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace ChildProtection.Notices.Replies;

/// <summary>A field's problem: an English resource key and its arguments.</summary>
public sealed record ReplyProblem(string Key, params object[] Arguments);

/// <summary>What came of a submission: the version written, or the problems (nothing written then).</summary>
public sealed record ReplySubmission(NoticeReply? Reply, IReadOnlyDictionary<int, ReplyProblem> Problems, bool Closed = false, bool Conflict = false)
{
    public bool Succeeded => Reply is not null;
}

/// <summary>
/// The school's side of a reply: checks every field of a submission and, only when all are right, writes
/// it as the organisation's next version — its row, its values and its files in one transaction (on the
/// folder store the files written are removed again if the commit fails), so bad input or a crash leaves
/// no half-written version and no orphan file. Then the notice's history and the site's audit trail record it.
/// </summary>
public sealed class ReplyDesk(NoticesDbContext db, NoticeFiles files, IRecipientDirectory directory, IAuditTrail audit, TimeProvider clock)
{
    public const string RepliedAction = "Replied";
    public const string CorrectedAction = "ReplyCorrected";
    /// <summary>The site audit trail's names for them (module-own actions, category Content).</summary>
    public const string AuditReplied = "NoticeReplied";
    public const string AuditCorrected = "NoticeReplyCorrected";

    public static string FormName(int fieldId) => "r" + fieldId.ToString(CultureInfo.InvariantCulture);

    public Task<List<NoticeReplyField>> FieldsAsync(int noticeId, CancellationToken cancellationToken) =>
        db.NoticeReplyFields.AsNoTracking().Where(f => f.NoticeId == noticeId).OrderBy(f => f.Position).ThenBy(f => f.Id).ToListAsync(cancellationToken);

    /// <summary>The organisation's versions, newest first, with their values.</summary>
    public Task<List<NoticeReply>> VersionsAsync(int noticeId, int organisationId, CancellationToken cancellationToken) =>
        db.NoticeReplies.AsNoTracking().Include(r => r.Values)
            .Where(r => r.NoticeId == noticeId && r.OrganisationId == organisationId)
            .OrderByDescending(r => r.Version).ToListAsync(cancellationToken);

    /// <summary>Replies are taken until the end of the deadline's day; a notice without a deadline takes them while its link works.</summary>
    public bool IsOpen(Notice notice) => notice.ResponseDeadlineUtc is not { } deadline || clock.GetUtcNow().UtcDateTime <= deadline;

    public async Task<ReplySubmission> SubmitAsync(Notice notice, NoticeRecipient recipient, IFormCollection form, string? name, string? from, CancellationToken cancellationToken)
    {
        if (!IsOpen(notice)) return new ReplySubmission(null, new Dictionary<int, ReplyProblem>(), Closed: true);
        var fields = await FieldsAsync(notice.Id, cancellationToken);
        var previous = (await VersionsAsync(notice.Id, recipient.OrganisationId, cancellationToken)).FirstOrDefault();
        var problems = new Dictionary<int, ReplyProblem>();
        var values = new List<NoticeReplyValue>();
        var staged = new List<(NoticeReplyValue Value, string TempPath)>();
        try
        {
            foreach (var field in fields)
            {
                var key = FormName(field.Id);
                var raw = form.TryGetValue(key, out var v) ? v.ToString().Trim().Normalize() : "";
                var value = new NoticeReplyValue { FieldId = field.Id };
                ReplyProblem? problem = null;
                switch (field.Kind)
                {
                    case ReplyFieldKind.Number:
                        if (raw.Length == 0) problem = field.Required ? new("Enter a number.") : null;
                        else if (ReplyValues.TryParseNumber(raw, out var number)) { value.Number = number; value.Text = number.ToString(CultureInfo.InvariantCulture); }
                        else problem = new("“{0}” is not a number. Write digits only, for example 1250 or 12,5.", Shorten(raw));
                        break;
                    case ReplyFieldKind.Date:
                        if (raw.Length == 0) problem = field.Required ? new("Enter a date.") : null;
                        else if (ReplyValues.TryParseDate(raw, out var date)) { value.Date = date; value.Text = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture); }
                        else problem = new("“{0}” is not a date. Write it as dd/mm/yyyy, for example 25/12/2026.", Shorten(raw));
                        break;
                    case ReplyFieldKind.Choice:
                        if (raw.Length == 0) problem = field.Required ? new("Choose one of the options.") : null;
                        else if (field.OptionList.Contains(raw, StringComparer.Ordinal)) value.Text = raw;
                        else problem = new("Choose one of the options offered.");
                        break;
                    case ReplyFieldKind.Text:
                        if (raw.Length == 0) problem = field.Required ? new("Fill in this field.") : null;
                        else if (raw.Length > NoticeReplyField.MaxTextLength) problem = new("Write at most {0} characters.", NoticeReplyField.MaxTextLength);
                        else value.Text = raw;
                        break;
                    case ReplyFieldKind.File:
                        var upload = form.Files.GetFile(key);
                        if (upload is { Length: > 0 })
                        {
                            var (file, fileProblem) = await StageAsync(upload, cancellationToken);
                            if (fileProblem is not null) problem = fileProblem;
                            else { value = file!.Value.Value; value.FieldId = field.Id; staged.Add(file.Value); }
                        }
                        else if (upload is { Length: 0 } && !string.IsNullOrEmpty(upload.FileName))
                            problem = new("The file {0} is empty.", NoticeAttachmentUploads.CleanName(upload.FileName));
                        else if (previous?.Values.FirstOrDefault(p => p.FieldId == field.Id && p.StoredName != null) is { } kept)
                        {
                            // A correction that does not choose a new file keeps the one already sent (the same stored file).
                            value.Text = kept.Text; value.StoredName = kept.StoredName; value.ContentType = kept.ContentType; value.Size = kept.Size; value.Sha256 = kept.Sha256;
                        }
                        else if (field.Required) problem = new("Choose a file.");
                        break;
                }
                if (problem is not null) problems[field.Id] = problem;
                else if (value.Text is not null) values.Add(value);
            }
            if (problems.Count > 0) return new ReplySubmission(null, problems);
            return await WriteAsync(notice, recipient, values, staged, name, from, previous, cancellationToken);
        }
        finally
        {
            foreach (var (_, temp) in staged) { try { File.Delete(temp); } catch (IOException) { } }
        }
    }

    private static string Shorten(string s) => s.Length > 40 ? s[..40] + "…" : s;

    private static async Task<((NoticeReplyValue Value, string TempPath)? File, ReplyProblem? Problem)> StageAsync(IFormFile upload, CancellationToken cancellationToken)
    {
        var name = NoticeAttachmentUploads.CleanName(upload.FileName);
        if (upload.Length > ReplyFileInspector.MaxFileBytes)
            return (null, new("The file {0} is larger than {1}.", name, FileSizes.Format(ReplyFileInspector.MaxFileBytes)));
        var temp = Path.GetTempFileName();
        string hash;
        AttachmentInspector.Kind? kind;
        await using (var target = new FileStream(temp, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.Asynchronous))
        {
            await using (var source = upload.OpenReadStream()) await source.CopyToAsync(target, cancellationToken);
            target.Position = 0;
            hash = Convert.ToHexStringLower(await SHA256.HashDataAsync(target, cancellationToken));
            kind = ReplyFileInspector.Identify(target);
        }
        if (kind is null)
        {
            File.Delete(temp);
            return (null, new("The file {0} is not a PDF, Word (.docx) or Excel (.xlsx) document, nor a JPEG or PNG photo.", name));
        }
        if (!name.EndsWith(kind.Extension, StringComparison.OrdinalIgnoreCase)) name = Path.GetFileNameWithoutExtension(name) + kind.Extension;
        return ((new NoticeReplyValue
        {
            Text = name, StoredName = Guid.NewGuid().ToString("N") + kind.Extension, ContentType = kind.ContentType, Size = upload.Length, Sha256 = hash,
        }, temp), null);
    }

    private async Task<ReplySubmission> WriteAsync(Notice notice, NoticeRecipient recipient, List<NoticeReplyValue> values, List<(NoticeReplyValue Value, string TempPath)> staged,
        string? name, string? from, NoticeReply? previous, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        name = string.IsNullOrWhiteSpace(name) ? null : name.Trim().Normalize();
        if (name?.Length > 200) name = name[..200];
        if (from?.Length > 100) from = from[..100];
        var organisation = (await directory.GetOrganisationsAsync([recipient.OrganisationId], cancellationToken)).FirstOrDefault();
        var reply = new NoticeReply
        {
            NoticeId = notice.Id, OrganisationId = recipient.OrganisationId, Version = (previous?.Version ?? 0) + 1, RecipientId = recipient.Id,
            SubmittedUtc = now, SubmittedBy = name, SubmittedFrom = from, WardCode = organisation?.WardCode, WardName = organisation?.WardName, Values = values,
        };
        var written = new List<string>();
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            foreach (var (value, temp) in staged)
            {
                await using var content = new FileStream(temp, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan);
                var path = NoticeFiles.ReplyPathFor(notice.Id, value.StoredName!);
                await files.Store.WriteAsync(path, content, transaction.GetDbTransaction(), cancellationToken);
                written.Add(path);
            }
            db.NoticeReplies.Add(reply);
            var detail = string.Create(CultureInfo.InvariantCulture, $"{recipient.OrganisationName} <{recipient.Email}>: v{reply.Version}");
            NoticeAudit.Add(db, notice.Id, name ?? recipient.Email, reply.Version == 1 ? RepliedAction : CorrectedAction, detail, now);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (Exception ex)
        {
            db.ChangeTracker.Clear();
            if (!files.Store.Transactional)
                foreach (var path in written) { try { await files.Store.DeleteAsync(path, null, CancellationToken.None); } catch (IOException) { } }
            // Another link of the same organisation wrote this version a moment earlier: nothing of ours was kept.
            if (ex is DbUpdateException) return new ReplySubmission(null, new Dictionary<int, ReplyProblem>(), Conflict: true);
            throw;
        }
        await audit.RecordAsync(new AuditEntry(reply.Version == 1 ? AuditReplied : AuditCorrected, name ?? recipient.Email)
        {
            Category = AuditCategories.Content,
            SubjectId = "notice-" + notice.Id.ToString(CultureInfo.InvariantCulture),
            SubjectTitle = notice.NumberSymbol + " – " + notice.Subject,
            Detail = string.Create(CultureInfo.InvariantCulture, $"{recipient.OrganisationCode} {recipient.OrganisationName} <{recipient.Email}>: v{reply.Version}"),
            Address = from,
        }, CancellationToken.None);
        return new ReplySubmission(reply, new Dictionary<int, ReplyProblem>());
    }
}
