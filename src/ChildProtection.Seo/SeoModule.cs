using ChildProtection.Core.Modules;
using ChildProtection.Seo.Sitemaps;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Seo;

/// <summary>Sitemaps and robots.txt. Canonical addresses and link-preview meta are the theme's Layout.</summary>
public sealed class SeoModule : IModule
{
    public string Name => "Seo";

    public void ConfigureServices(IServiceCollection services, IConfiguration configuration) { }

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        string[] get = [HttpMethods.Get, HttpMethods.Head];
        endpoints.MapMethods("/sitemap.xml", get, SitemapEndpoints.SitemapAsync).WithDisplayName("Sitemap");
        endpoints.MapMethods("/sitemap-{page:int}.xml", get, (HttpContext http, int page) => SitemapEndpoints.SitemapPageAsync(http, page)).WithDisplayName("Sitemap page");
        endpoints.MapMethods("/robots.txt", get, SitemapEndpoints.RobotsAsync).WithDisplayName("Robots");
    }
}
