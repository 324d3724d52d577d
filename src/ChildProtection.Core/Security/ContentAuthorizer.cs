using System.Security.Claims;
using ChildProtection.Core.Metadata;
using Microsoft.AspNetCore.Authorization;

namespace ChildProtection.Core.Security;

public enum ContentAction { Edit, Publish, Delete }

/// <summary>
/// Whether a user may act on an item: the "all items" permission, or the "own items" one when the user
/// owns the item; per-type permissions when the type is Securable.
/// </summary>
public sealed class ContentAuthorizer(IAuthorizationService authorization)
{
    public async Task<bool> CanAsync(ClaimsPrincipal user, ContentAction action, ContentTypeDefinition type, string? owner)
    {
        // Where a type requires review, only a reviewer publishes: an editor's own-content right is not enough.
        if (action == ContentAction.Publish && type.TypeSettings.RequiresReview && !await CanReviewAsync(user)) return false;
        var (all, own) = action switch
        {
            ContentAction.Publish => (ContentPermissions.PublishContent, ContentPermissions.PublishOwnContent),
            ContentAction.Delete => (ContentPermissions.DeleteContent, ContentPermissions.DeleteOwnContent),
            _ => (ContentPermissions.EditContent, ContentPermissions.EditOwnContent),
        };
        if (await authorization.AuthorizeAsync(user, ContentPermissions.For(all, type))) return true;
        var isOwner = owner is null || string.Equals(owner, user.Identity?.Name, StringComparison.OrdinalIgnoreCase);
        return isOwner && await authorization.AuthorizeAsync(user, ContentPermissions.For(own, type));
    }

    /// <summary>May the user approve, return and schedule what others submit.</summary>
    public Task<bool> CanReviewAsync(ClaimsPrincipal user) => authorization.AuthorizeAsync(user, ContentPermissions.ReviewContent);

    /// <summary>May the user see the type's list and create items of it at all.</summary>
    public Task<bool> CanCreateAsync(ClaimsPrincipal user, ContentTypeDefinition type) =>
        CanAsync(user, ContentAction.Edit, type, user.Identity?.Name);
}
