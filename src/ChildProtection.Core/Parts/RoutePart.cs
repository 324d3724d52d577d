using ChildProtection.Core.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Core.Parts;

public sealed class RoutePartSettings
{
    /// <summary>Path prefix for items of this type, e.g. "tin-tuc" gives "tin-tuc/phong-chong-duoi-nuoc".</summary>
    public string? Prefix { get; set; }
    public bool AllowCustomPath { get; set; } = true;
}

/// <summary>
/// The public path. Empty means "make it from the title" (Vietnamese folded to ASCII). A path taken by
/// another item is refused when typed by a person and made unique when generated.
/// </summary>
public sealed class RoutePart : ContentPartHandler
{
    public override string PartName => "RoutePart";
    public override string DisplayName => "Address (URL)";
    public override Type? SettingsType => typeof(RoutePartSettings);
    public override IReadOnlyCollection<string> KnownProperties { get; } = ["Path"];

    public override Task<IReadOnlyList<EditorInput>> GetEditorInputsAsync(PartContext context) =>
        Task.FromResult<IReadOnlyList<EditorInput>>([new EditorInput("Path", "Address (URL)", EditorKind.Text)
        {
            MaxLength = 1024,
            Hint = "Leave empty to make it from the title. Lower-case letters, digits and hyphens, parts separated by /.",
        }]);

    public override async Task UpdateAsync(PartContext ctx, List<ContentValidationError> errors)
    {
        var routes = ctx.Services.GetRequiredService<IRouteService>();
        var settings = ctx.TypePart.GetSettings<RoutePartSettings>();
        var path = ReadString(ctx, "Path", errors, 1024)?.Trim().Trim('/');
        var errorPath = $"{ctx.Path}.Path";
        if (errors.Any(e => e.Path == errorPath)) return;

        if (!string.IsNullOrEmpty(path) && settings.AllowCustomPath)
        {
            if (!Slug.IsValidPath(path))
            {
                errors.Add(new(errorPath, "The address may contain only lower-case letters without diacritics, digits and hyphens, with parts separated by /."));
                return;
            }
            if (routes.IsReserved(path))
            {
                errors.Add(new(errorPath, "The address \"{0}\" is reserved by the site.", path));
                return;
            }
            if (!await routes.IsAvailableAsync(path, ctx.Item.ContentItemId))
            {
                errors.Add(new(errorPath, "The address \"{0}\" is already used by another item.", path));
                return;
            }
        }
        else
        {
            var slug = Slug.From(ctx.Item.DisplayText);
            if (slug.Length == 0) slug = ctx.Item.ContentItemId;
            path = string.IsNullOrEmpty(settings.Prefix) ? slug : $"{settings.Prefix.Trim('/')}/{slug}";
            path = await routes.MakeUniqueAsync(path, ctx.Item.ContentItemId);
        }
        ctx.Part["Path"] = path;
        ctx.Item.Path = path;
    }
}
