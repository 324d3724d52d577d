using System.Globalization;
using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;
using ChildProtection.Web.Tests;

namespace ChildProtection.Notices.Tests;

/// <summary>Posting the notice form as a browser does (multipart, with the antiforgery token from the page), and test files.</summary>
public static class AuthoringForms
{
    public static List<KeyValuePair<string, string>> ValidDraft(string numberSymbol, string summary = "V/v triển khai Tháng hành động vì trẻ em năm 2027") =>
    [
        new("Input.Issuer", "UBND Phường Bến Thành"),
        new("Input.NumberSymbol", numberSymbol),
        new("Input.DocumentType", "Công văn"),
        new("Input.IssuedOn", "2026-11-20"),
        new("Input.IssuedPlace", "Thành phố Hồ Chí Minh"),
        new("Input.Summary", summary),
        new("Input.SignerTitle", "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH"),
        new("Input.SignerName", "Nguyễn Thị Hồng"),
        new("Input.BodyHtml", "<p>Đề nghị các đơn vị <strong>triển khai ngay</strong> kế hoạch bảo vệ trẻ em.</p><script>alert('x')</script>"),
        new("Input.ReplyToAddress", "ldtbxh@benthanh.example.gov.vn"),
        new("Input.ReplyToName", "Phòng Văn hóa – Xã hội"),
        new("Input.Deadline", DateTime.UtcNow.AddDays(30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        new("Input.ReminderDaysBefore", "3"),
        new("Input.MaxReminders", "2"),
        new("Input.GroupIds", "10"),
    ];

    public static async Task<HttpResponseMessage> PostDraftAsync(SiteClient client, IEnumerable<KeyValuePair<string, string>> fields, IEnumerable<(string Name, byte[] Content)>? files = null, int? id = null, string? handler = null)
    {
        var url = id is null ? "/admin/notices/edit" : $"/admin/notices/edit/{id}";
        var page = await client.GetStringAsync(url);
        var token = SiteClient.TokenIn(page) ?? throw new InvalidOperationException("No antiforgery token on " + url);
        using var content = new MultipartFormDataContent();
        content.Add(new StringContent(token), "__RequestVerificationToken");
        foreach (var (k, v) in fields) content.Add(new StringContent(v, Encoding.UTF8), k);
        foreach (var (name, bytes) in files ?? [])
        {
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            content.Add(file, "files", name);
        }
        return await client.Http.PostAsync(handler is null ? url : url + "?handler=" + handler, content);
    }

    public static async Task<int> CreateDraftAsync(SiteClient client, string numberSymbol, IEnumerable<(string Name, byte[] Content)>? files = null, Action<List<KeyValuePair<string, string>>>? change = null)
    {
        var fields = ValidDraft(numberSymbol);
        change?.Invoke(fields);
        var response = await PostDraftAsync(client, fields, files);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Redirect, $"Saving answered {(int)response.StatusCode}: {body[..Math.Min(body.Length, 3000)]}");
        return int.Parse(response.Headers.Location!.OriginalString.Split('/').Last(), CultureInfo.InvariantCulture);
    }

    public static byte[] Pdf(int size = 2000)
    {
        var bytes = new byte[size];
        "%PDF-1.7\n"u8.CopyTo(bytes);
        for (var i = 9; i < size; i++) bytes[i] = (byte)('a' + i % 26);
        return bytes;
    }

    public static byte[] OfficeFile(string partFolder)
    {
        using var memory = new MemoryStream();
        using (var zip = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var w = new StreamWriter(zip.CreateEntry("[Content_Types].xml").Open())) w.Write("<Types/>");
            using (var w = new StreamWriter(zip.CreateEntry(partFolder + "document.xml").Open())) w.Write("<x/>");
        }
        return memory.ToArray();
    }

    /// <summary>A Windows program: "MZ" and a PE header, whatever its name says.</summary>
    public static byte[] Exe() => [(byte)'M', (byte)'Z', 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xFF, 0xFF, .. new byte[500]];

    public static void Set(this List<KeyValuePair<string, string>> fields, string key, string value)
    {
        fields.RemoveAll(f => f.Key == key);
        fields.Add(new(key, value));
    }
}
