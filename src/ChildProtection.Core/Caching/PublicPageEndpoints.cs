using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Core.Caching;

public static class PublicPageEndpoints
{
    /// <summary>
    /// Output-caches an anonymous public page (see <see cref="PublicPagePolicy"/>). Opt-in per endpoint:
    /// admin pages, forms, downloads and search results never are.
    /// </summary>
    public static TBuilder CacheAsPublicPage<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.CacheOutput(PageCacheTags.PolicyName);
}
