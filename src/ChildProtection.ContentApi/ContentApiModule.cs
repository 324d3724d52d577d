using ChildProtection.Core.Modules;
using ChildProtection.Core.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.ContentApi;

public sealed class ContentApiModule : IModule
{
    public const string WritePolicy = "ContentApiWrite";

    public string Name => "ContentApi";

    public void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOpenApi("v1", o => o.ShouldInclude = d => d.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true);
        // Writes accept API tokens only: a browser's cookie must never be enough to change content
        // through an endpoint that has no antiforgery token.
        services.AddAuthorization(o => o.AddPolicy(WritePolicy, p => p.AddAuthenticationSchemes(AuthenticationSchemes.ApiToken).RequireAuthenticatedUser()));
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapOpenApi("/openapi/{documentName}.json");
        ContentEndpoints.Map(endpoints);
    }
}
