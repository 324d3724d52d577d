using System.Globalization;
using System.Text.Json.Nodes;
using ChildProtection.Core.Contents;
using ChildProtection.Core.Parts;
using ChildProtection.Organisations;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Campaigns.Parts;

/// <summary>
/// What makes an item a communication campaign: its slogan or yearly theme, its period (the status —
/// upcoming, running, ended — follows from it by the site's calendar), goals, audiences, the wards it
/// covers (from the directory), key messages, partners, the articles, resources and events picked for it,
/// and whether its reach is shown on its public page. The hero image, body and topics are the type's other
/// parts (MediaPart, BodyPart, Topics).
/// </summary>
/// <remarks>
/// Labels and messages are Vietnamese text rather than English resource keys: the generated admin editor
/// and the content API localize part text through the engine's own resources, which a module cannot extend,
/// and an unknown key is shown as it is (the Library's resource part does the same).
/// </remarks>
public sealed class CampaignPart : ContentPartHandler
{
    public const int MaxLines = 30;
    public const int MaxLine = 500;
    public const int MaxPicked = 50;
    public const int MaxWards = 500;

    public override string PartName => CampaignData.PartName;
    public override string DisplayName => "Chiến dịch truyền thông";
    public override string Description => "Thời gian, chủ đề, mục tiêu, đối tượng, phường xã, thông điệp, đơn vị phối hợp và nội dung liên quan.";
    public override IReadOnlyCollection<string> KnownProperties { get; } =
        ["Theme", "StartDate", "EndDate", "Goals", "Audiences", "WardCodes", "KeyMessages", "Partners", "ArticleIds", "ResourceIds", "EventIds", "ShowReachPublicly"];

    public override async Task<IReadOnlyList<EditorInput>> GetEditorInputsAsync(PartContext context)
    {
        var wards = await WardOptionsAsync(context.Services);
        return
        [
            new EditorInput("Theme", "Khẩu hiệu hoặc chủ đề năm", EditorKind.Text) { MaxLength = 300 },
            new EditorInput("StartDate", "Ngày bắt đầu", EditorKind.Date) { Required = true },
            new EditorInput("EndDate", "Ngày kết thúc", EditorKind.Date) { Required = true, Hint = "Trạng thái (sắp diễn ra, đang diễn ra, đã kết thúc) tự tính theo hai ngày này và múi giờ của trang." },
            new EditorInput("Goals", "Mục tiêu", EditorKind.Lines) { Hint = "Mỗi dòng một mục tiêu." },
            new EditorInput("Audiences", "Đối tượng", EditorKind.MultiSelect) { Options = CampaignVocabulary.Audiences, Multiple = true },
            new EditorInput("WardCodes", "Phường, xã tham gia", EditorKind.MultiSelect)
            {
                Options = wards, Multiple = true,
                Hint = "Để trống: toàn thành phố. Danh sách lấy từ danh bạ đơn vị; báo cáo kết quả chỉ nhận các phường, xã được chọn ở đây.",
            },
            new EditorInput("KeyMessages", "Thông điệp chính", EditorKind.Lines) { Hint = "Mỗi dòng một thông điệp." },
            new EditorInput("Partners", "Đơn vị phối hợp", EditorKind.Lines) { Hint = "Mỗi dòng một đơn vị." },
            new EditorInput("ArticleIds", "Bài viết của chiến dịch", EditorKind.ContentPicker)
            {
                PickableTypes = ["Article"], Multiple = true,
                Hint = "Các bài được chọn đứng đầu; sau đó là các bài cùng chủ đề với chiến dịch.",
            },
            new EditorInput("ResourceIds", "Tài liệu truyền thông", EditorKind.ContentPicker)
            {
                PickableTypes = ["Resource"], Multiple = true,
                Hint = "Ngoài các tài liệu được chọn, trang chiến dịch còn hiện tài liệu gắn với chiến dịch trong thư viện và tài liệu cùng chủ đề.",
            },
            new EditorInput("EventIds", "Sự kiện", EditorKind.ContentPicker) { PickableTypes = ["Event"], Multiple = true },
            new EditorInput("ShowReachPublicly", "Công khai kết quả truyền thông (số buổi, người tham gia, tài liệu đã phát) trên trang chiến dịch", EditorKind.Boolean),
        ];
    }

    public override async Task UpdateAsync(PartContext ctx, List<ContentValidationError> errors)
    {
        var p = ctx.Path;
        // A recipe may name wards its own Directory step creates (written after the recipe commits) and items
        // listed later in it: inside a recipe references are checked for form only.
        var inRecipe = ctx.Services.GetService<ContentUnitOfWork>()?.IsActive == true;

        var theme = ReadString(ctx, "Theme", errors, 300)?.Trim();
        if (string.IsNullOrEmpty(theme)) ctx.Part.Remove("Theme");
        else ctx.Part["Theme"] = theme.Normalize(System.Text.NormalizationForm.FormC);

        var start = ReadDay(ctx, "StartDate", "Ngày bắt đầu", errors);
        var end = ReadDay(ctx, "EndDate", "Ngày kết thúc", errors);
        if (start is { } s && end is { } e)
        {
            if (e < s) errors.Add(new($"{p}.EndDate", "Ngày kết thúc ({0}) phải sau hoặc trùng ngày bắt đầu ({1}).", CampaignData.Format(e), CampaignData.Format(s)));
            else if (e.DayNumber - s.DayNumber > 366 * 20) errors.Add(new($"{p}.EndDate", "Một chiến dịch kéo dài tối đa 20 năm."));
        }

        WriteLines(ctx, "Goals", "mục tiêu", errors);
        WriteLines(ctx, "KeyMessages", "thông điệp", errors);
        WriteLines(ctx, "Partners", "đơn vị phối hợp", errors);

        var audiences = JsonValues.ReadStringArray(ctx.Part, "Audiences", $"{p}.Audiences", errors) ?? [];
        foreach (var a in audiences.Where(a => !CampaignVocabulary.IsAudience(a)))
            errors.Add(new($"{p}.Audiences", "Không có đối tượng \"{0}\".", a));
        ctx.Part["Audiences"] = Array(CampaignVocabulary.Audiences.Select(x => x.Value).Where(audiences.Contains));

        await WriteWardsAsync(ctx, inRecipe, errors);
        await WritePickedAsync(ctx, "ArticleIds", "Article", "bài viết", inRecipe, errors);
        await WritePickedAsync(ctx, "ResourceIds", "Resource", "tài liệu", inRecipe, errors);
        await WritePickedAsync(ctx, "EventIds", "Event", "sự kiện", inRecipe, errors);

        ctx.Part["ShowReachPublicly"] = JsonValues.ReadBool(ctx.Part, "ShowReachPublicly", $"{p}.ShowReachPublicly", errors) ?? false;
    }

    private static DateOnly? ReadDay(PartContext ctx, string property, string label, List<ContentValidationError> errors)
    {
        var path = $"{ctx.Path}.{property}";
        var text = JsonValues.ReadString(ctx.Part, property, path, errors, 40)?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            if (errors.All(x => x.Path != path)) errors.Add(new(path, "Hãy nhập {0}.", label.ToLower(CultureInfo.GetCultureInfo("vi-VN"))));
            ctx.Part.Remove(property);
            return null;
        }
        // The date input sends yyyy-MM-dd; a person or the API may write dd/mm/yyyy, or an ISO date and time whose
        // day is what counts. Never the invariant culture's month-first reading: 01/06 is the first of June here.
        var dayText = text.Length > 10 && text[10] == 'T' ? text[..10] : text;
        if (!DateOnly.TryParseExact(dayText, ["yyyy-MM-dd", "dd/MM/yyyy", "d/M/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            errors.Add(new(path, "{0} \"{1}\" không phải là ngày (dd/mm/yyyy).", label, text.Length > 40 ? text[..40] : text));
            return null;
        }
        ctx.Part[property] = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return day;
    }

    private static void WriteLines(PartContext ctx, string property, string what, List<ContentValidationError> errors)
    {
        var path = $"{ctx.Path}.{property}";
        var lines = (JsonValues.ReadStringArray(ctx.Part, property, path, errors) ?? [])
            .Select(l => l.Trim().Normalize(System.Text.NormalizationForm.FormC)).Where(l => l.Length > 0).Distinct().ToList();
        if (lines.Count > MaxLines) errors.Add(new(path, "Tối đa {0} {1}.", MaxLines, what));
        foreach (var line in lines.Where(l => l.Length > MaxLine))
            errors.Add(new(path, "Mỗi dòng tối đa {0} ký tự: \"{1}…\".", MaxLine, line[..40]));
        ctx.Part[property] = Array(lines.Take(MaxLines));
    }

    private static async Task WriteWardsAsync(PartContext ctx, bool inRecipe, List<ContentValidationError> errors)
    {
        var path = $"{ctx.Path}.WardCodes";
        var codes = (JsonValues.ReadStringArray(ctx.Part, "WardCodes", path, errors) ?? [])
            .Select(c => c.Trim().ToUpperInvariant()).Where(c => c.Length > 0).Distinct().ToList();
        if (codes.Count > MaxWards) errors.Add(new(path, "Tối đa {0} phường, xã.", MaxWards));
        var directory = ctx.Services.GetService<IRecipientDirectory>();
        foreach (var code in codes)
        {
            if (code.Length > 64 || !code.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            {
                errors.Add(new(path, "Mã phường, xã \"{0}\" không hợp lệ.", code));
                continue;
            }
            if (inRecipe || directory is null) continue;
            var ward = await directory.GetOrganisationByCodeAsync(code);
            if (ward is null) errors.Add(new(path, "Danh bạ không có phường, xã mang mã \"{0}\".", code));
            else if (ward.Kind is not (OrganisationKind.Ward or OrganisationKind.Commune)) errors.Add(new(path, "{0} không phải là phường hoặc xã.", ward.Label));
        }
        ctx.Part["WardCodes"] = Array(codes.Take(MaxWards));
    }

    private static async Task WritePickedAsync(PartContext ctx, string property, string type, string what, bool inRecipe, List<ContentValidationError> errors)
    {
        var path = $"{ctx.Path}.{property}";
        var ids = (JsonValues.ReadStringArray(ctx.Part, property, path, errors) ?? []).Select(i => i.Trim()).Where(i => i.Length > 0).Distinct().ToList();
        if (ids.Count > MaxPicked) errors.Add(new(path, "Chọn tối đa {0} {1}.", MaxPicked, what));
        var contents = ctx.Services.GetRequiredService<IContentManager>();
        foreach (var id in ids.Take(MaxPicked))
        {
            if (id.Length > 26 || !id.All(char.IsAsciiLetterOrDigit)) { errors.Add(new(path, "Không có {0} \"{1}\".", what, id)); continue; }
            if (inRecipe) continue;
            var item = await contents.GetAsync(id, VersionOptions.Latest);
            if (item is null || item.ContentType != type) errors.Add(new(path, "Không có {0} \"{1}\".", what, id));
        }
        ctx.Part[property] = Array(ids.Take(MaxPicked));
    }

    /// <summary>Wards and communes of the directory, current ones first; a merged-away ward says until when it existed.</summary>
    internal static async Task<IReadOnlyList<(string Value, string Text)>> WardOptionsAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var directory = services.GetService<IRecipientDirectory>();
        if (directory is null) return [];
        var all = await directory.FindOrganisationsAsync(null, 1000, cancellationToken);
        return all.Where(o => o.Kind is OrganisationKind.Ward or OrganisationKind.Commune)
            .Select(o => (o.Code, o.ValidTo is { } to ? $"{o.Name} (đến {CampaignData.Format(to)})" : o.Name))
            .ToList();
    }

    private static JsonArray Array(IEnumerable<string> values) => new(values.Select(v => (JsonNode)JsonValue.Create(v)!).ToArray());
}
