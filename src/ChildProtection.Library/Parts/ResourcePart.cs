using System.Text.Json;
using System.Text.Json.Nodes;
using ChildProtection.Core.Contents;
using ChildProtection.Core.Parts;
using ChildProtection.Core.Routing;
using ChildProtection.Media;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Library.Parts;

/// <summary>
/// What makes an item a piece of training material: kind, audiences, campaigns, language, files in
/// variants (each a <c>mediaId</c>, so the media library knows they are in use), a cover, the usage note
/// and whether only permitted users may see it. Files must exist in the media library; a cover must be
/// an image.
/// </summary>
/// <remarks>
/// Labels and messages are Vietnamese text rather than English resource keys: the generated admin editor
/// and the content API localize part text through the engine's own resources, which this module cannot
/// extend, and an unknown key is shown as it is.
/// </remarks>
public sealed class ResourcePart : ContentPartHandler
{
    public const int MaxFiles = 20;
    public const int MaxLabel = 120;
    public const int MaxUsageNote = 300;

    public override string PartName => ResourceData.PartName;
    public override string DisplayName => "Tài liệu truyền thông";
    public override string Description => "Loại, đối tượng, chiến dịch, ngôn ngữ, các tệp tải về và ai được xem.";
    public override IReadOnlyCollection<string> KnownProperties { get; } =
        ["Kind", "Audiences", "CampaignIds", "Language", "VideoUrl", "Files", "Cover", "UsageNote", "Restricted"];

    public override Task<IReadOnlyList<EditorInput>> GetEditorInputsAsync(PartContext context) =>
        Task.FromResult<IReadOnlyList<EditorInput>>([
            new EditorInput("Kind", "Loại tài liệu", EditorKind.Select)
            {
                Required = true, Options = ResourceVocabulary.Kinds,
                Hint = "Các tệp và ảnh bìa được chọn ở trình soạn thảo của thư viện (mục Tài liệu truyền thông trong trình đơn quản trị).",
            },
            new EditorInput("Audiences", "Dành cho", EditorKind.MultiSelect) { Options = ResourceVocabulary.Audiences, Multiple = true },
            new EditorInput("CampaignIds", "Chiến dịch", EditorKind.ContentPicker) { PickableTypes = ["Campaign"], Multiple = true },
            new EditorInput("Language", "Ngôn ngữ", EditorKind.Select) { Options = ResourceVocabulary.Languages },
            new EditorInput("VideoUrl", "Địa chỉ video", EditorKind.Url) { MaxLength = 1000, Hint = "Với video: địa chỉ của video (https://…)." },
            new EditorInput("UsageNote", "Cách sử dụng", EditorKind.Text) { MaxLength = MaxUsageNote },
            new EditorInput("Restricted", "Hạn chế: chỉ người đăng nhập có quyền xem tài liệu hạn chế mới thấy", EditorKind.Boolean),
        ]);

    public override async Task UpdateAsync(PartContext ctx, List<ContentValidationError> errors)
    {
        var p = ctx.Path;
        var kind = ReadString(ctx, "Kind", errors, 32)?.Trim();
        if (!ResourceVocabulary.IsKind(kind)) errors.Add(new($"{p}.Kind", "Hãy chọn loại tài liệu."));
        else ctx.Part["Kind"] = kind;

        var audiences = JsonValues.ReadStringArray(ctx.Part, "Audiences", $"{p}.Audiences", errors) ?? [];
        foreach (var a in audiences.Where(a => !ResourceVocabulary.IsAudience(a)))
            errors.Add(new($"{p}.Audiences", "Không có đối tượng \"{0}\".", a));
        ctx.Part["Audiences"] = StringArray(ResourceVocabulary.Audiences.Select(x => x.Value).Where(audiences.Contains));

        // A recipe may list a resource before the campaign it names, and its Media step stores files after
        // the content is committed: inside a recipe, references are checked for form only; the pages skip
        // a campaign or file that turns out not to exist.
        var inRecipe = ctx.Services.GetService<ContentUnitOfWork>()?.IsActive == true;
        var campaignIds = (JsonValues.ReadStringArray(ctx.Part, "CampaignIds", $"{p}.CampaignIds", errors) ?? []).Where(i => i.Length > 0).Distinct().ToList();
        var contents = ctx.Services.GetRequiredService<IContentManager>();
        foreach (var id in campaignIds)
        {
            if (id.Length > 26 || !id.All(char.IsAsciiLetterOrDigit)) { errors.Add(new($"{p}.CampaignIds", "Không có chiến dịch \"{0}\".", id)); continue; }
            if (inRecipe) continue;
            var campaign = await contents.GetAsync(id, VersionOptions.Latest);
            if (campaign is null || campaign.ContentType != "Campaign") errors.Add(new($"{p}.CampaignIds", "Không có chiến dịch \"{0}\".", id));
        }
        ctx.Part["CampaignIds"] = StringArray(campaignIds);

        var language = ReadString(ctx, "Language", errors, 8)?.Trim();
        if (string.IsNullOrEmpty(language)) language = "vi";
        if (!ResourceVocabulary.IsLanguage(language)) errors.Add(new($"{p}.Language", "Không có ngôn ngữ \"{0}\".", language));
        else ctx.Part["Language"] = language;

        var video = ReadString(ctx, "VideoUrl", errors, 1000)?.Trim();
        if (string.IsNullOrEmpty(video)) ctx.Part.Remove("VideoUrl");
        else if (!Uri.TryCreate(video, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            errors.Add(new($"{p}.VideoUrl", "Địa chỉ video phải bắt đầu bằng https:// hoặc http://."));
        else ctx.Part["VideoUrl"] = uri.AbsoluteUri;

        var note = ReadString(ctx, "UsageNote", errors, MaxUsageNote)?.Trim();
        ctx.Part["UsageNote"] = string.IsNullOrEmpty(note) ? ResourceVocabulary.DefaultUsageNote : note;

        var restricted = JsonValues.ReadBool(ctx.Part, "Restricted", $"{p}.Restricted", errors) ?? false;
        ctx.Part["Restricted"] = restricted;

        var files = ReadFiles(ctx, errors);
        var cover = ReadCover(ctx, errors);
        var wanted = files.Select(f => f.MediaId).Concat(cover is null ? [] : [cover]).Distinct().ToList();
        var found = wanted.Count == 0
            ? new Dictionary<string, MediaFile>()
            : await ctx.Services.GetRequiredService<IMediaLibrary>().GetManyAsync(wanted);
        for (var i = 0; i < files.Count; i++)
            if (!inRecipe && !found.ContainsKey(files[i].MediaId))
                errors.Add(new($"{p}.Files[{i}].mediaId", "Tệp \"{0}\" không có trong thư viện media.", files[i].MediaId));
        if (cover is not null)
        {
            if (!found.TryGetValue(cover, out var coverFile)) { if (!inRecipe) errors.Add(new($"{p}.Cover.mediaId", "Tệp \"{0}\" không có trong thư viện media.", cover)); }
            else if (!coverFile.IsImage) errors.Add(new($"{p}.Cover.mediaId", "Ảnh bìa phải là ảnh (JPEG, PNG, GIF hoặc WebP)."));
        }
        ctx.Part["Files"] = new JsonArray(files.Select(f => (JsonNode)new JsonObject { ["Key"] = f.Key, ["Label"] = f.Label, ["mediaId"] = f.MediaId }).ToArray());
        if (cover is null) ctx.Part.Remove("Cover");
        else ctx.Part["Cover"] = new JsonObject { ["mediaId"] = cover };

        // The library serves resources (and keeps restricted ones hidden) only under its own prefix; an
        // address elsewhere would be shown by the generic page, which knows nothing of restrictions.
        var route = ctx.Item.Part("RoutePart")?["Path"];
        if (route?.GetValueKind() == JsonValueKind.String && route.GetValue<string>().Trim().Trim('/') is { Length: > 0 } typed
            && !typed.StartsWith(Public.LibraryRoutes.Prefix + "/", StringComparison.Ordinal))
            errors.Add(new("RoutePart.Path", "Địa chỉ của tài liệu phải bắt đầu bằng {0}/.", Public.LibraryRoutes.Prefix));

        if (kind == "video" && video is null && files.Count == 0)
            errors.Add(new($"{p}.VideoUrl", "Video cần có địa chỉ hoặc một tệp."));
    }

    private static List<ResourceVariant> ReadFiles(PartContext ctx, List<ContentValidationError> errors)
    {
        var p = $"{ctx.Path}.Files";
        var list = new List<ResourceVariant>();
        var node = ctx.Part["Files"];
        if (node is null || node.GetValueKind() == JsonValueKind.Null) return list;
        if (node is not JsonArray array)
        {
            errors.Add(new(p, "Expected a list."));
            return list;
        }
        if (array.Count > MaxFiles) errors.Add(new(p, "Mỗi tài liệu có tối đa {0} tệp.", MaxFiles));
        var keys = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < array.Count && i < MaxFiles; i++)
        {
            if (array[i] is not JsonObject o)
            {
                errors.Add(new($"{p}[{i}]", "Mỗi tệp cần có nhãn và mediaId."));
                continue;
            }
            foreach (var (property, _) in o)
                if (property is not ("Key" or "Label" or "mediaId")) errors.Add(new($"{p}[{i}].{property}", "Unknown property."));
            var label = JsonValues.ReadString(o, "Label", $"{p}[{i}].Label", errors, MaxLabel)?.Trim();
            var mediaId = JsonValues.ReadString(o, "mediaId", $"{p}[{i}].mediaId", errors, 64)?.Trim();
            var key0 = JsonValues.ReadString(o, "Key", $"{p}[{i}].Key", errors, 64)?.Trim();
            if (string.IsNullOrEmpty(label)) { errors.Add(new($"{p}[{i}].Label", "Mỗi tệp cần có nhãn, ví dụ \"Bản in A4 (PDF)\".")); continue; }
            if (string.IsNullOrEmpty(mediaId)) { errors.Add(new($"{p}[{i}].mediaId", "Mỗi dòng cần một tệp trong thư viện media.")); continue; }
            // The key is the file's address (…/tai-ve/ban-in-a4-pdf): kept once set so printed links keep working.
            var key = !string.IsNullOrEmpty(key0) && Slug.IsValidPath(key0) && !key0.Contains('/') ? key0 : Slug.From(label);
            if (key.Length == 0) key = "tep";
            if (key.Length > 60) key = key[..60].TrimEnd('-');
            var unique = key;
            for (var n = 2; !keys.Add(unique); n++) unique = $"{key}-{n}";
            list.Add(new ResourceVariant(unique, label, mediaId));
        }
        return list;
    }

    private static string? ReadCover(PartContext ctx, List<ContentValidationError> errors)
    {
        var node = ctx.Part["Cover"];
        if (node is null || node.GetValueKind() == JsonValueKind.Null) return null;
        if (node is not JsonObject o)
        {
            errors.Add(new($"{ctx.Path}.Cover", "Expected an object."));
            return null;
        }
        var id = JsonValues.ReadString(o, "mediaId", $"{ctx.Path}.Cover.mediaId", errors, 64)?.Trim();
        return string.IsNullOrEmpty(id) ? null : id;
    }

    private static JsonArray StringArray(IEnumerable<string> values) =>
        new(values.Select(v => (JsonNode)JsonValue.Create(v)!).ToArray());
}
