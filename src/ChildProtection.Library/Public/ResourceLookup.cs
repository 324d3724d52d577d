using ChildProtection.Core.Contents;
using ChildProtection.Library.Parts;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Library.Public;

/// <summary>A published resource found by its address, if the asker may see it.</summary>
internal sealed record FoundResource(ContentItem Item, ResourceData Data);

internal static class ResourceLookup
{
    public enum Outcome { Found, Missing, Moved }

    /// <summary>
    /// The published resource at <c>thu-vien/{slug}</c>. A restricted one is "missing" for anyone without
    /// the permission (the same 404 as for nothing at all: the public learns nothing of it). An old
    /// address of a resource comes back as <see cref="Outcome.Moved"/> with its current path.
    /// </summary>
    public static async Task<(Outcome Outcome, FoundResource? Resource, string? MovedTo)> FindAsync(HttpContext http, string slug)
    {
        var path = $"{LibraryRoutes.Prefix}/{slug.Trim('/')}";
        if (path.Length > 1024) return (Outcome.Missing, null, null);
        var contents = http.RequestServices.GetRequiredService<IContentManager>();
        var item = await contents.GetPublishedByPathAsync(path, http.RequestAborted);
        if (item is null)
        {
            var moved = await contents.FindRedirectAsync(path, http.RequestAborted);
            return moved is null ? (Outcome.Missing, null, null) : (Outcome.Moved, null, moved);
        }
        if (item.ContentType != ResourceData.TypeName) return (Outcome.Missing, null, null);
        var data = ResourceData.From(item);
        if (data.Restricted && !await LibraryAccess.CanSeeRestrictedAsync(http)) return (Outcome.Missing, null, null);
        return (Outcome.Found, new FoundResource(item, data), null);
    }
}
