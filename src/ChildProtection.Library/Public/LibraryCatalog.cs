using ChildProtection.Core.Contents;
using ChildProtection.Library.Data;
using Microsoft.EntityFrameworkCore;

namespace ChildProtection.Library.Public;

/// <summary>Reads the library index: the filtered, paged list, and the public resources of a campaign.</summary>
public sealed class LibraryCatalog(LibraryDbContext db)
{
    public async Task<PagedResult<LibraryEntry>> SearchAsync(LibraryFilters filters, bool includeRestricted, CancellationToken cancellationToken = default)
    {
        var query = db.Entries.AsNoTracking();
        if (!includeRestricted) query = query.Where(e => e.Restricted == false);
        if (filters.Kind is { } kind) query = query.Where(e => e.Kind == kind);
        if (filters.Topic is { } topic)
        {
            var code = $"|{topic}|";
            query = query.Where(e => e.Topics.Contains(code));
        }
        if (filters.Audience is { } audience)
        {
            var code = $"|{audience}|";
            query = query.Where(e => e.Audiences.Contains(code));
        }
        if (filters.Campaign is { } campaign)
        {
            var code = $"|{campaign}|";
            query = query.Where(e => e.Campaigns.Contains(code));
        }
        if (filters.FoldedQuery is { Length: > 0 } folded) query = query.Where(e => e.TitleKey.Contains(folded));

        var total = await query.CountAsync(cancellationToken);
        var pageCount = Math.Max(1, (total + LibraryFilters.PageSize - 1) / LibraryFilters.PageSize);
        var page = Math.Min(filters.Page, pageCount);
        var rows = await query.OrderByDescending(e => e.PublishedUtc).ThenBy(e => e.ContentItemId)
            .Skip((page - 1) * LibraryFilters.PageSize).Take(LibraryFilters.PageSize).ToListAsync(cancellationToken);
        return new PagedResult<LibraryEntry>(rows, total, page, LibraryFilters.PageSize);
    }

    /// <summary>The newest resources the public may see (the home page's material).</summary>
    public Task<List<LibraryEntry>> LatestPublicAsync(int count, CancellationToken cancellationToken = default) =>
        db.Entries.AsNoTracking().Where(e => e.Restricted == false)
            .OrderByDescending(e => e.PublishedUtc).ThenBy(e => e.ContentItemId).Take(count).ToListAsync(cancellationToken);

    /// <summary>The campaign's resources the public may download, oldest first (the pack's order is stable).</summary>
    public Task<List<LibraryEntry>> PublicOfCampaignAsync(string campaignId, CancellationToken cancellationToken = default)
    {
        var code = $"|{campaignId}|";
        return db.Entries.AsNoTracking().Where(e => e.Restricted == false && e.Campaigns.Contains(code))
            .OrderBy(e => e.PublishedUtc).ThenBy(e => e.ContentItemId).ToListAsync(cancellationToken);
    }
}
