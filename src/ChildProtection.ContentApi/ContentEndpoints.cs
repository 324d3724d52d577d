using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChildProtection.Core;
using ChildProtection.Core.Contents;
using ChildProtection.Core.Metadata;
using ChildProtection.Core.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Localization;

namespace ChildProtection.ContentApi;

/// <summary>
/// <c>GET /api/content/{id}</c>, <c>GET /api/content?type=&amp;page=&amp;pageSize=</c>, <c>POST /api/content</c>,
/// <c>DELETE /api/content/{id}</c>. Items travel in the recipe's Content-step shape. Writes need a token
/// with the write scope (<see cref="ApiScopes"/>) on top of the token's user's permissions.
/// </summary>
internal static class ContentEndpoints
{
    private static readonly JsonSerializerOptions Json = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/content").WithTags("Content").DisableAntiforgery();
        group.MapGet("/{id}", GetAsync).WithName("GetContent").WithSummary("One item: the published version, or the latest with ?version=latest (needs edit permission).");
        group.MapGet("/", ListAsync).WithName("ListContent").WithSummary("Published items of a type, newest first, paged.");
        group.MapPost("/", CreateAsync).RequireAuthorization(ContentApiModule.WritePolicy).WithName("SaveContent")
            .WithSummary("Create or update an item (Content-step shape); \"Published\": true publishes it.");
        group.MapDelete("/{id}", DeleteAsync).RequireAuthorization(ContentApiModule.WritePolicy).WithName("DeleteContent")
            .WithSummary("Move an item to the recycle bin.");
    }

    /// <summary>Anonymous reads still honour a token when one is sent, so drafts can be read with one.</summary>
    private static async Task<ClaimsPrincipal> CallerAsync(HttpContext http)
    {
        if (http.User.Identity?.IsAuthenticated == true) return http.User;
        var result = await http.AuthenticateAsync(AuthenticationSchemes.ApiToken);
        return result.Succeeded ? result.Principal! : http.User;
    }

    private static async Task<IResult> GetAsync(string id, string? version, HttpContext http, IContentManager contents,
        IContentDefinitionStore definitions, ContentAuthorizer authorizer, IAuthorizationService authorization)
    {
        var user = await CallerAsync(http);
        if (version == "latest")
        {
            var latest = await contents.GetAsync(id, VersionOptions.Latest, http.RequestAborted);
            if (latest is null) return Results.NotFound();
            var type = await definitions.GetTypeAsync(latest.ContentType, http.RequestAborted);
            if (type is null || !await authorizer.CanAsync(user, ContentAction.Edit, type, latest.Owner)) return Results.NotFound();
            return Results.Json(latest.ToJson(), Json);
        }
        if (!await authorization.AuthorizeAsync(user, ContentPermissions.ViewContent)) return Results.Unauthorized();
        var item = await contents.GetAsync(id, VersionOptions.Published, http.RequestAborted);
        return item is null ? Results.NotFound() : Results.Json(item.ToJson(), Json);
    }

    private static async Task<IResult> ListAsync(string? type, int? page, int? pageSize, HttpContext http, IContentManager contents,
        IContentDefinitionStore definitions, IAuthorizationService authorization, IStringLocalizer<CoreText> C)
    {
        var user = await CallerAsync(http);
        if (!await authorization.AuthorizeAsync(user, ContentPermissions.ViewContent)) return Results.Unauthorized();
        if (!string.IsNullOrEmpty(type) && await definitions.GetTypeAsync(type, http.RequestAborted) is null)
            return Results.Problem(statusCode: 400, title: C["Unknown content type \"{0}\".", type]);
        var size = Math.Clamp(pageSize ?? 20, 1, 100);
        var result = await contents.ListPublishedAsync(type, Math.Max(1, page ?? 1), size, http.RequestAborted);
        var body = new JsonObject
        {
            ["page"] = result.Page,
            ["pageSize"] = result.PageSize,
            ["totalCount"] = result.TotalCount,
            ["items"] = new JsonArray(result.Items.Select(i => (JsonNode)i.ToJson()).ToArray()),
        };
        return Results.Json(body, Json);
    }

    private static async Task<IResult> CreateAsync(HttpContext http, IContentManager contents, IContentDefinitionStore definitions,
        ContentAuthorizer authorizer, IStringLocalizer<CoreText> C)
    {
        if (!ApiScopes.AllowsWrite(http.User)) return ReadOnlyToken(C);
        JsonObject? json;
        try
        {
            json = await JsonNode.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted) as JsonObject;
        }
        catch (JsonException ex)
        {
            return Problem(C["The body is not valid JSON (line {0}, position {1}).", (ex.LineNumber ?? 0) + 1, (ex.BytePositionInLine ?? 0) + 1]);
        }
        if (json is null || json["ContentType"]?.GetValueKind() != JsonValueKind.String)
            return Problem(C["Send one content item: an object with a ContentType."]);
        var item = ContentItem.FromJson(json);
        var type = await definitions.GetTypeAsync(item.ContentType, http.RequestAborted);
        if (type is null) return Problem(C["Unknown content type \"{0}\".", item.ContentType]);

        ContentItem? existing = null;
        if (!string.IsNullOrEmpty(item.ContentItemId))
            existing = await contents.GetAsync(item.ContentItemId, VersionOptions.Latest, http.RequestAborted);
        if (existing is not null && existing.ContentType != type.Name) return Problem(C["The item is a {0}; its type cannot change.", existing.ContentType]);
        if (!await authorizer.CanAsync(http.User, ContentAction.Edit, type, existing?.Owner ?? http.User.Identity?.Name)) return Forbidden(C);
        if (item.Published && !await authorizer.CanAsync(http.User, ContentAction.Publish, type, existing?.Owner ?? http.User.Identity?.Name)) return Forbidden(C);

        var result = await contents.SaveAsync(item, new SaveOptions { Publish = item.Published, User = http.User.Identity?.Name }, http.RequestAborted);
        if (!result.Succeeded)
        {
            var errors = result.Errors.GroupBy(e => string.IsNullOrEmpty(e.Path) ? "$" : e.Path)
                .ToDictionary(g => g.Key, g => g.Select(e => C[e.Message, e.Args].Value).ToArray());
            return Results.ValidationProblem(errors, title: C["The item was not saved."]);
        }
        return existing is null
            ? Results.Created($"/api/content/{result.Item!.ContentItemId}", result.Item.ToJson())
            : Results.Json(result.Item!.ToJson(), Json);
    }

    private static async Task<IResult> DeleteAsync(string id, HttpContext http, IContentManager contents, IContentDefinitionStore definitions, ContentAuthorizer authorizer, IStringLocalizer<CoreText> C)
    {
        if (!ApiScopes.AllowsWrite(http.User)) return ReadOnlyToken(C);
        var item = await contents.GetAsync(id, VersionOptions.Latest, http.RequestAborted);
        if (item is null) return Results.NotFound();
        var type = await definitions.GetTypeAsync(item.ContentType, http.RequestAborted);
        if (type is null || !await authorizer.CanAsync(http.User, ContentAction.Delete, type, item.Owner)) return Forbidden(C);
        await contents.RemoveAsync(id, http.User.Identity?.Name, http.RequestAborted);
        return Results.NoContent();
    }

    /// <summary>403 as JSON: Results.Forbid() would hand over to the cookie scheme and redirect to a login page.</summary>
    private static IResult Forbidden(IStringLocalizer<CoreText> C) =>
        Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: C["Your API token's user may not do this."]);

    /// <summary>The token's user may well have the right; the token was made to read only.</summary>
    private static IResult ReadOnlyToken(IStringLocalizer<CoreText> C) =>
        Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: C["This API token may only read content: create a token that may read and write to change content."],
            extensions: new Dictionary<string, object?> { ["error"] = "insufficient_scope" });

    private static IResult Problem(string title) => Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: title);
}
