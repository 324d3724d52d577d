using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChildProtection.Core.Contents;
using ChildProtection.Core.Parts;
using ChildProtection.Core.Settings;
using ChildProtection.Organisations;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Events.Parts;

/// <summary>
/// What makes an item an event: kind, start and end, venue, address and map link, ward (a directory
/// code), organiser, audiences, capacity and registration window, agenda, campaigns, cancellation, and
/// afterwards a short report. Times are stored as UTC instants; the admin shows and takes them in the
/// site's time zone, and a time written without a zone (a recipe's "2027-06-01T08:00") is read in it too.
/// An event that ends before it starts is refused, so nothing of it is saved.
/// </summary>
/// <remarks>
/// Labels and messages are Vietnamese rather than English resource keys, as in the library's part: the
/// generated admin editor localizes part text through the engine's resources, which a module cannot extend.
/// </remarks>
public sealed class EventPart : ContentPartHandler
{
    public const int MaxAgendaLines = 60;
    public const int MaxCapacity = 100_000;
    public const int MaxCampaigns = 5;
    public const string PathPrefix = "su-kien";

    public override string PartName => EventData.PartName;
    public override string DisplayName => "Sự kiện";
    public override string Description => "Loại, thời gian, địa điểm, phường, chương trình, đăng ký, chiến dịch, hủy và báo cáo sau sự kiện.";
    public override IReadOnlyCollection<string> KnownProperties { get; } =
    [
        "Kind", "StartUtc", "EndUtc", "Venue", "Address", "MapUrl", "WardCode", "Organiser", "Audiences", "Capacity",
        "RegistrationEnabled", "RegistrationOpensUtc", "RegistrationClosesUtc", "Agenda", "CampaignIds",
        "Cancelled", "CancellationReason", "VoicesEnabled", "Report",
    ];

    public override async Task<IReadOnlyList<EditorInput>> GetEditorInputsAsync(PartContext context)
    {
        var wards = await WardOptionsAsync(context.Services, EventData.From(context.Item).WardCode);
        return
        [
            new EditorInput("Kind", "Loại sự kiện", EditorKind.Select) { Required = true, Options = EventVocabulary.Kinds },
            new EditorInput("StartUtc", "Bắt đầu", EditorKind.DateTime) { Required = true, Hint = "Giờ theo múi giờ của trang (Cấu hình → Cài đặt)." },
            new EditorInput("EndUtc", "Kết thúc", EditorKind.DateTime) { Required = true },
            new EditorInput("Venue", "Địa điểm", EditorKind.Text) { Required = true, MaxLength = 300, Hint = "Ví dụ: Hội trường UBND phường Phú Lợi." },
            new EditorInput("Address", "Địa chỉ", EditorKind.Text) { MaxLength = 300 },
            new EditorInput("MapUrl", "Liên kết bản đồ", EditorKind.Url) { MaxLength = 1000, Hint = "Để trống: trang tự tạo liên kết tìm địa chỉ trên bản đồ." },
            new EditorInput("WardCode", "Phường, xã", EditorKind.Select)
            {
                Options = wards,
                Hint = wards.Count == 0 ? "Danh bạ chưa có phường, xã nào (Danh bạ → Thêm đơn vị)." : "Lấy từ danh bạ đơn vị.",
            },
            new EditorInput("Organiser", "Đơn vị tổ chức", EditorKind.Text) { MaxLength = 300 },
            new EditorInput("Audiences", "Dành cho", EditorKind.MultiSelect) { Options = EventVocabulary.Audiences, Multiple = true },
            new EditorInput("Agenda", "Chương trình", EditorKind.Lines)
            {
                Hint = "Mỗi dòng một mục: giờ | nội dung | người trình bày, ví dụ \"08:00 | Khai mạc | Lãnh đạo UBND phường\".",
            },
            new EditorInput("RegistrationEnabled", "Nhận đăng ký trực tuyến (trường học, nhóm, đơn vị)", EditorKind.Boolean),
            new EditorInput("Capacity", "Số chỗ", EditorKind.Number) { Hint = "Để trống: không giới hạn. Khi hết chỗ, đăng ký mới vào danh sách chờ." },
            new EditorInput("RegistrationOpensUtc", "Mở đăng ký từ", EditorKind.DateTime) { Hint = "Để trống: mở ngay khi đăng sự kiện." },
            new EditorInput("RegistrationClosesUtc", "Hạn đăng ký", EditorKind.DateTime) { Hint = "Để trống: đến giờ bắt đầu." },
            new EditorInput("CampaignIds", "Thuộc chiến dịch", EditorKind.ContentPicker) { PickableTypes = ["Campaign"], Multiple = true },
            new EditorInput("VoicesEnabled", "Nhận câu hỏi, ý kiến của trẻ em trước sự kiện (diễn đàn)", EditorKind.Boolean),
            new EditorInput("Cancelled", "Sự kiện bị hủy", EditorKind.Boolean),
            new EditorInput("CancellationReason", "Lý do hủy", EditorKind.Text) { MaxLength = 500 },
            new EditorInput("Report", "Báo cáo ngắn sau sự kiện", EditorKind.TextArea) { MaxLength = 4000, Hint = "Kết quả, số người tham dự, ý kiến nổi bật. Ảnh chọn ở mục Ảnh sự kiện." },
        ];
    }

    public override async Task UpdateAsync(PartContext ctx, List<ContentValidationError> errors)
    {
        var p = ctx.Path;
        var site = await ctx.Services.GetRequiredService<ISiteSettingsService>().GetAsync();
        var time = SiteTime.From(site);
        var inRecipe = ctx.Services.GetService<ContentUnitOfWork>()?.IsActive == true;

        var kind = ReadString(ctx, "Kind", errors, 32)?.Trim();
        if (!EventVocabulary.IsKind(kind)) errors.Add(new($"{p}.Kind", "Hãy chọn loại sự kiện."));
        else ctx.Part["Kind"] = kind;

        var start = ReadInstant(ctx, "StartUtc", time, errors);
        var end = ReadInstant(ctx, "EndUtc", time, errors);
        if (start is null && errors.All(e => e.Path != $"{p}.StartUtc")) errors.Add(new($"{p}.StartUtc", "Hãy nhập thời gian bắt đầu."));
        if (end is null && errors.All(e => e.Path != $"{p}.EndUtc")) errors.Add(new($"{p}.EndUtc", "Hãy nhập thời gian kết thúc."));
        if (start is not null && end is not null && end <= start)
            errors.Add(new($"{p}.EndUtc", "Thời gian kết thúc ({0}) phải sau thời gian bắt đầu ({1}).", time.Format(end), time.Format(start)));

        var venue = Clean(ReadString(ctx, "Venue", errors, 300));
        if (venue is null) errors.Add(new($"{p}.Venue", "Hãy nhập địa điểm."));
        SetOrRemove(ctx.Part, "Venue", venue);
        SetOrRemove(ctx.Part, "Address", Clean(ReadString(ctx, "Address", errors, 300)));
        SetOrRemove(ctx.Part, "Organiser", Clean(ReadString(ctx, "Organiser", errors, 300)));

        var map = Clean(ReadString(ctx, "MapUrl", errors, 1000));
        if (map is null) ctx.Part.Remove("MapUrl");
        else if (!Uri.TryCreate(map, UriKind.Absolute, out var mapUri) || (mapUri.Scheme != Uri.UriSchemeHttps && mapUri.Scheme != Uri.UriSchemeHttp))
            errors.Add(new($"{p}.MapUrl", "Liên kết bản đồ phải bắt đầu bằng https:// hoặc http://."));
        else ctx.Part["MapUrl"] = mapUri.AbsoluteUri;

        var ward = Clean(ReadString(ctx, "WardCode", errors, 64));
        if (ward is null) ctx.Part.Remove("WardCode");
        else
        {
            var directory = ctx.Services.GetService<IRecipientDirectory>();
            var organisation = directory is null ? null : await directory.GetOrganisationByCodeAsync(ward);
            if (organisation is null && !inRecipe) errors.Add(new($"{p}.WardCode", "Danh bạ không có phường, xã mã \"{0}\".", ward));
            else if (organisation is not null && organisation.Kind is not (OrganisationKind.Ward or OrganisationKind.Commune))
                errors.Add(new($"{p}.WardCode", "\"{0}\" không phải là phường hay xã.", organisation.Name));
            else ctx.Part["WardCode"] = organisation?.Code ?? ward;
        }

        var audiences = JsonValues.ReadStringArray(ctx.Part, "Audiences", $"{p}.Audiences", errors) ?? [];
        foreach (var a in audiences.Where(a => !EventVocabulary.IsAudience(a)))
            errors.Add(new($"{p}.Audiences", "Không có đối tượng \"{0}\".", a));
        ctx.Part["Audiences"] = StringArray(EventVocabulary.Audiences.Select(x => x.Value).Where(audiences.Contains));

        var agenda = new List<string>();
        var lines = JsonValues.ReadStringArray(ctx.Part, "Agenda", $"{p}.Agenda", errors) ?? [];
        if (lines.Count > MaxAgendaLines) errors.Add(new($"{p}.Agenda", "Chương trình có tối đa {0} dòng.", MaxAgendaLines));
        foreach (var line in lines.Take(MaxAgendaLines).Select(l => l.Trim()).Where(l => l.Length > 0))
        {
            var parsed = line.Length > 500 ? null : AgendaItem.Parse(line.Normalize(System.Text.NormalizationForm.FormC));
            if (parsed is null || parsed.Time.Length > 20) errors.Add(new($"{p}.Agenda", "Dòng \"{0}\" cần có dạng giờ | nội dung | người trình bày.", line.Length > 80 ? line[..80] + "…" : line));
            else agenda.Add(parsed.ToString());
        }
        ctx.Part["Agenda"] = StringArray(agenda);

        var registration = JsonValues.ReadBool(ctx.Part, "RegistrationEnabled", $"{p}.RegistrationEnabled", errors) ?? false;
        ctx.Part["RegistrationEnabled"] = registration;
        var capacity = JsonValues.ReadNumber(ctx.Part, "Capacity", $"{p}.Capacity", errors);
        if (capacity is null) ctx.Part.Remove("Capacity");
        else if (capacity != decimal.Truncate(capacity.Value) || capacity < 1 || capacity > MaxCapacity)
            errors.Add(new($"{p}.Capacity", "Số chỗ phải là số nguyên từ 1 đến {0}.", MaxCapacity.ToString("N0", CultureInfo.GetCultureInfo("vi-VN"))));
        // Kept as a decimal: the engine reads numbers back as decimals, and a value made from an int would not convert.
        else ctx.Part["Capacity"] = decimal.Truncate(capacity.Value);

        var opens = ReadInstant(ctx, "RegistrationOpensUtc", time, errors);
        var closes = ReadInstant(ctx, "RegistrationClosesUtc", time, errors);
        if (opens is not null && closes is not null && closes <= opens)
            errors.Add(new($"{p}.RegistrationClosesUtc", "Hạn đăng ký phải sau thời điểm mở đăng ký."));
        if (closes is not null && end is not null && closes > end)
            errors.Add(new($"{p}.RegistrationClosesUtc", "Hạn đăng ký không thể sau khi sự kiện kết thúc."));
        if (opens is not null && start is not null && opens >= start)
            errors.Add(new($"{p}.RegistrationOpensUtc", "Đăng ký phải mở trước khi sự kiện bắt đầu."));

        var contents = ctx.Services.GetRequiredService<IContentManager>();
        var campaignIds = (JsonValues.ReadStringArray(ctx.Part, "CampaignIds", $"{p}.CampaignIds", errors) ?? []).Select(i => i.Trim()).Where(i => i.Length > 0).Distinct().ToList();
        if (campaignIds.Count > MaxCampaigns) errors.Add(new($"{p}.CampaignIds", "Một sự kiện thuộc tối đa {0} chiến dịch.", MaxCampaigns));
        foreach (var id in campaignIds)
        {
            if (id.Length > 26 || !id.All(char.IsAsciiLetterOrDigit)) { errors.Add(new($"{p}.CampaignIds", "Không có chiến dịch \"{0}\".", id)); continue; }
            // A recipe may list an event before the campaign it names; the pages skip one that does not exist.
            if (inRecipe) continue;
            var campaign = await contents.GetAsync(id, VersionOptions.Latest);
            if (campaign is null || campaign.ContentType != "Campaign") errors.Add(new($"{p}.CampaignIds", "Không có chiến dịch \"{0}\".", id));
        }
        ctx.Part["CampaignIds"] = StringArray(campaignIds);

        ctx.Part["VoicesEnabled"] = JsonValues.ReadBool(ctx.Part, "VoicesEnabled", $"{p}.VoicesEnabled", errors) ?? false;
        var cancelled = JsonValues.ReadBool(ctx.Part, "Cancelled", $"{p}.Cancelled", errors) ?? false;
        ctx.Part["Cancelled"] = cancelled;
        var reason = Clean(ReadString(ctx, "CancellationReason", errors, 500));
        if (cancelled && reason is null) errors.Add(new($"{p}.CancellationReason", "Hãy cho biết lý do hủy: người đã đăng ký sẽ nhận được lý do này."));
        SetOrRemove(ctx.Part, "CancellationReason", cancelled ? reason : null);
        SetOrRemove(ctx.Part, "Report", Clean(ReadString(ctx, "Report", errors, 4000)));

        // The events module serves events (registration, calendar files) only under its own prefix.
        var route = ctx.Item.Part("RoutePart")?["Path"];
        if (route?.GetValueKind() == JsonValueKind.String && route.GetValue<string>().Trim().Trim('/') is { Length: > 0 } typed
            && (!typed.StartsWith(PathPrefix + "/", StringComparison.Ordinal) || typed.Count(c => c == '/') != 1 || Public.EventRoutes.IsReserved(typed[(PathPrefix.Length + 1)..])))
            errors.Add(new("RoutePart.Path", "Địa chỉ của sự kiện phải có dạng {0}/ten-su-kien (không dùng các tên dành riêng như lich-thang, da-dien-ra, ical, dang-ky).", PathPrefix));
    }

    /// <summary>The directory's wards and communes, valid ones first; the event's own ward stays listed even after it merged away.</summary>
    internal static async Task<IReadOnlyList<(string Value, string Text)>> WardOptionsAsync(IServiceProvider services, string? current)
    {
        var directory = services.GetService<IRecipientDirectory>();
        if (directory is null) return [];
        // The directory's search is by name: asking for "phường" and "xã" as well as the first thousand keeps
        // every ward and commune listed even when schools fill the directory past that.
        var wards = new List<OrganisationInfo>();
        foreach (var search in new string?[] { "phường", "xã", null })
            wards.AddRange(await directory.FindOrganisationsAsync(search, 1000));
        var list = wards.Where(o => o.Kind is OrganisationKind.Ward or OrganisationKind.Commune).DistinctBy(o => o.Id)
            .OrderBy(o => o.ValidTo is null ? 0 : 1).ThenBy(o => o.Name, StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("vi-VN"), true))
            .Select(o => (o.Code, o.ValidTo is { } to ? $"{o.Name} (đến {to:dd/MM/yyyy})" : o.Name)).ToList();
        if (current is not null && list.All(o => o.Code != current) && await directory.GetOrganisationByCodeAsync(current) is { } own)
            list.Insert(0, (own.Code, own.Name));
        return list;
    }

    /// <summary>An instant: ISO 8601 with a zone or Z as given, a bare local time in the site's zone; stored as UTC with Z.</summary>
    private static DateTime? ReadInstant(PartContext ctx, string property, SiteTime time, List<ContentValidationError> errors)
    {
        var path = $"{ctx.Path}.{property}";
        var node = ctx.Part[property];
        if (node is null || node.GetValueKind() == JsonValueKind.Null) { ctx.Part.Remove(property); return null; }
        var text = node.GetValueKind() == JsonValueKind.String ? node.GetValue<string>().Trim() : null;
        if (string.IsNullOrEmpty(text)) { if (text is null) errors.Add(new(path, "Hãy nhập ngày giờ dạng dd/MM/yyyy HH:mm.")); ctx.Part.Remove(property); return null; }
        DateTime utc;
        var hasZone = text.EndsWith('Z') || text.EndsWith('z') || System.Text.RegularExpressions.Regex.IsMatch(text, @"[+-]\d{2}:?\d{2}$");
        if (hasZone && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var offset)) utc = offset.UtcDateTime;
        else if (!hasZone && DateTime.TryParseExact(text, ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm", "dd/MM/yyyy HH:mm", "d/M/yyyy H:mm"],
            CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)) utc = time.ToUtc(local);
        else
        {
            errors.Add(new(path, "\"{0}\" không phải là ngày giờ. Hãy nhập dạng dd/MM/yyyy HH:mm.", text.Length > 40 ? text[..40] : text));
            return null;
        }
        if (utc.Year is < 2000 or > 2100) { errors.Add(new(path, "Ngày {0} nằm ngoài khoảng 2000–2100.", time.FormatDate(utc))); return null; }
        ctx.Part[property] = utc.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        return utc;
    }

    private static string? Clean(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : value.Trim().Normalize(System.Text.NormalizationForm.FormC);

    private static void SetOrRemove(JsonObject part, string property, string? value)
    {
        if (value is null) part.Remove(property);
        else part[property] = value;
    }

    private static JsonArray StringArray(IEnumerable<string> values) =>
        new(values.Select(v => (JsonNode)JsonValue.Create(v)!).ToArray());
}
