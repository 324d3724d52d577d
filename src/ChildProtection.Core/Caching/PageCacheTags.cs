namespace ChildProtection.Core.Caching;

/// <summary>
/// What the current request's public page shows, as output-cache tags, gathered while it is rendered:
/// the content manager adds the published items it reads ("item:{id}") and the types it lists
/// ("type:{name}"); a module whose page reads its own tables adds the types that feed them. When one of
/// those items or types is published, changed or unpublished, every page carrying the tag is evicted
/// (<see cref="PublicPageInvalidation"/>). A page that must not be shared (a form with an antiforgery
/// token, anything personal) says <see cref="DoNotCache"/>. One per request (scoped).
/// </summary>
public sealed class PageCacheTags
{
    /// <summary>The output-cache policy public endpoints opt into (<see cref="PublicPageEndpoints.CacheAsPublicPage{TBuilder}"/>).</summary>
    public const string PolicyName = "public-page";

    /// <summary>Carried by every cached page: site settings, menus, the theme and content definitions show on all of them.</summary>
    public const string Site = "site";

    /// <summary>How long a cached page (and a value cached beside it) lives at most: the bound on anything derived from the clock.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    public static string Item(string contentItemId) => "item:" + contentItemId;
    public static string Type(string contentType) => "type:" + contentType;
    /// <summary>For a list of published items of any type: evicted by any publication.</summary>
    public const string AnyType = "type:*";

    private readonly HashSet<string> tags = new(StringComparer.Ordinal);

    public bool Uncacheable { get; private set; }

    public IReadOnlyCollection<string> Tags
    {
        get { lock (tags) return tags.ToArray(); }
    }

    public void Add(string tag)
    {
        lock (tags) tags.Add(tag);
    }

    public void AddItem(string contentItemId) => Add(Item(contentItemId));

    public void AddType(string contentType) => Add(Type(contentType));

    public void DoNotCache() => Uncacheable = true;
}
