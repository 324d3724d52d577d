using ChildProtection.Core.Contents;
using ChildProtection.Core.Parts;
using ChildProtection.Media.Data;
using ChildProtection.Media.Usage;
using Microsoft.EntityFrameworkCore;

namespace ChildProtection.Media.Content;

/// <summary>
/// The Law on Children protects a child's image: an image marked as showing identifiable children may
/// appear in published content only once its consent record is complete (who consented, their relation
/// to the child, the date, where the signed form is kept). Every file the item refers to counts (the
/// <see cref="MediaReferences"/> convention: a featured image, a gallery, an image in the body), and the
/// publication is refused naming each image still lacking consent.
/// </summary>
public sealed class ChildConsentCheck(MediaDbContext db) : IPublicationCheck
{
    public const string Message = "The image {0} shows identifiable children and its consent record is not complete (who consented, their relation to the child, the date and where the signed form is kept). Complete it in the media library before publishing.";

    public async Task CheckAsync(ContentItem item, List<ContentValidationError> errors, CancellationToken cancellationToken)
    {
        var ids = MediaReferences.Find(item.Content);
        if (ids.Count == 0) return;
        var marked = await db.Media.AsNoTracking().Where(m => ids.Contains(m.Id) && m.ShowsChildren).ToListAsync(cancellationToken);
        foreach (var record in marked.Where(m => m.NeedsConsent).OrderBy(m => m.OriginalName, StringComparer.CurrentCulture))
            errors.Add(new ContentValidationError("", Message, record.OriginalName));
    }
}
