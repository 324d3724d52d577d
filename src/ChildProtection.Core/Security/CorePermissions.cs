using ChildProtection.Core.Metadata;

namespace ChildProtection.Core.Security;

/// <summary>The engine's permissions, plus the per-type ones of every Securable type.</summary>
internal sealed class CorePermissions(IContentDefinitionStore definitions) : IPermissionProvider
{
    public async Task<IEnumerable<Permission>> GetPermissionsAsync()
    {
        var defs = await definitions.GetAsync();
        return ContentPermissions.All.Concat(defs.ContentTypes.SelectMany(ContentPermissions.ForType));
    }

    public IEnumerable<PermissionStereotype> GetDefaultStereotypes() =>
    [
        new("Administrator", ContentPermissions.All),
        new("Editor", [ContentPermissions.AccessAdmin, ContentPermissions.EditContent, ContentPermissions.DeleteOwnContent, ContentPermissions.PreviewContent, ContentPermissions.PublishOwnContent]),
        new("Reviewer", [ContentPermissions.AccessAdmin, ContentPermissions.PublishContent, ContentPermissions.EditContent, ContentPermissions.DeleteContent, ContentPermissions.PreviewContent, ContentPermissions.ReviewContent]),
        new("Anonymous", [ContentPermissions.ViewContent]),
        new("Authenticated", [ContentPermissions.ViewContent]),
    ];
}
