using ChildProtection.Core.Metadata;

namespace ChildProtection.Core.Security;

/// <summary>
/// Content permissions. General ones cover every type; a Securable type also gets its own
/// (<c>PublishContent_Article</c> …), each implied by the general one.
/// </summary>
public static class ContentPermissions
{
    public static readonly Permission AccessAdmin = new("AccessAdminPanel", "Open the admin area") { Category = "Admin" };
    public static readonly Permission ManageSettings = new("ManageSettings", "Change site settings") { Category = "Admin" };
    public static readonly Permission ManageContentTypes = new("ManageContentTypes", "Edit content types") { Category = "Admin" };
    public static readonly Permission ManageRecipes = new("ManageRecipes", "Import and export recipes") { Category = "Admin" };
    public static readonly Permission ManageJobs = new("ManageBackgroundJobs", "See and manage background jobs") { Category = "Admin" };

    public static readonly Permission PublishContent = new("PublishContent", "Publish or unpublish content");
    public static readonly Permission PublishOwnContent = new("PublishOwnContent", "Publish or unpublish own content", PublishContent);
    public static readonly Permission EditContent = new("EditContent", "Edit content", PublishContent);
    public static readonly Permission EditOwnContent = new("EditOwnContent", "Edit own content", EditContent, PublishOwnContent);
    public static readonly Permission DeleteContent = new("DeleteContent", "Delete content");
    public static readonly Permission DeleteOwnContent = new("DeleteOwnContent", "Delete own content", DeleteContent);
    public static readonly Permission ViewContent = new("ViewContent", "View published content", EditContent);
    public static readonly Permission PreviewContent = new("PreviewContent", "Preview drafts", EditContent);
    /// <summary>Approve or return what editors submit, and publish types that require review.</summary>
    public static readonly Permission ReviewContent = new("ReviewContent", "Review, approve and publish content that requires review");

    public static readonly Permission[] All =
    [
        AccessAdmin, ManageSettings, ManageContentTypes, ManageRecipes, ManageJobs,
        PublishContent, PublishOwnContent, EditContent, EditOwnContent, DeleteContent, DeleteOwnContent, ViewContent, PreviewContent, ReviewContent,
    ];

    public static readonly Permission[] TypeTemplates = [PublishContent, PublishOwnContent, EditContent, EditOwnContent, DeleteContent, DeleteOwnContent];

    /// <summary>The permission to check for an action on a type: the type's own when it is Securable.</summary>
    public static Permission For(Permission general, ContentTypeDefinition type)
    {
        if (!type.TypeSettings.Securable) return general;
        // "Edit own articles" is also granted by "edit all articles", as the general ones are.
        Permission[] impliedBy = OwnToAll.TryGetValue(general.Name, out var all) ? [general, For(all, type)] : [general];
        return new Permission($"{general.Name}_{type.Name}", $"{general.Description}: {type.DisplayName}", impliedBy) { Category = type.DisplayName };
    }

    private static readonly Dictionary<string, Permission> OwnToAll = new()
    {
        [EditOwnContent.Name] = EditContent,
        [PublishOwnContent.Name] = PublishContent,
        [DeleteOwnContent.Name] = DeleteContent,
    };

    public static IEnumerable<Permission> ForType(ContentTypeDefinition type) =>
        type.TypeSettings.Securable ? TypeTemplates.Select(p => For(p, type)) : [];
}
