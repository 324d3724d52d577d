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

    private DateTimeOffset? validUntil;

    /// <summary>
    /// The earliest moment a page asked to be dropped at (<see cref="ExpireAt"/>): what it shows changes then by
    /// the clock alone, with nothing to evict it (an event's registration closing). Null: only <see cref="Lifetime"/> bounds it.
    /// </summary>
    public DateTimeOffset? ValidUntil
    {
        get { lock (tags) return validUntil; }
    }

    /// <summary>The page is not to be served from a cache after <paramref name="moment"/>; the earliest of several calls wins.</summary>
    public void ExpireAt(DateTimeOffset moment)
    {
        lock (tags)
            if (validUntil is null || moment < validUntil) validUntil = moment;
    }

    /// <summary>How long the page may be kept from <paramref name="now"/>: <see cref="Lifetime"/> or less; zero or less means not at all.</summary>
    public TimeSpan LifetimeFrom(DateTimeOffset now) =>
        ValidUntil is { } until && until - now < Lifetime ? until - now : Lifetime;

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
