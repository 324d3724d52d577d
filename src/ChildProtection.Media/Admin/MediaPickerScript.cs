using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.Extensions.Localization;

namespace ChildProtection.Media.Admin;

/// <summary>
/// Puts the media picker's script and style on the admin's content editor pages (the admin layout's
/// <c>head</c> and <c>body</c> take tag helper components), so the Admin module needs no knowledge of
/// media: the script turns every <c>…mediaIds</c> list and <c>…mediaId</c> input into a picker.
/// </summary>
internal sealed class MediaPickerScript(IHttpContextAccessor accessor, IStringLocalizer<MediaText> T, IFileVersionProvider versions) : TagHelperComponent
{
    public override int Order => 100;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var http = accessor.HttpContext;
        if (http is null || !http.Request.Path.StartsWithSegments("/admin/content")) return;
        var pathBase = http.Request.PathBase;
        if (string.Equals(context.TagName, "head", StringComparison.OrdinalIgnoreCase))
        {
            var css = versions.AddFileVersionToPath(pathBase, "/_content/ChildProtection.Media/css/media.css");
            output.PostContent.AppendHtml($"<link rel=\"stylesheet\" href=\"{HtmlEncoder.Default.Encode(css)}\" />");
        }
        else if (string.Equals(context.TagName, "body", StringComparison.OrdinalIgnoreCase))
        {
            var js = versions.AddFileVersionToPath(pathBase, "/_content/ChildProtection.Media/js/media-picker.js");
            var texts = new Dictionary<string, string>
            {
                ["choose"] = T["Choose from the media library"], ["chooseOne"] = T["Choose an image"], ["remove"] = T["Remove"],
                ["search"] = T["Search by name, alt text or folder"], ["close"] = T["Close"], ["use"] = T["Use this file"],
                ["previous"] = T["Previous"], ["next"] = T["Next"], ["none"] = T["No file matches."], ["loading"] = T["Loading…"],
                ["altNeeded"] = T["This image has no alt text yet. Describe what it shows (in Vietnamese) before using it:"],
                ["saveAlt"] = T["Save the alt text and use the image"], ["altRequired"] = T["Describe the image for people who cannot see it."],
                ["forbidden"] = T["You may not use the media library."], ["failed"] = T["The media library did not answer; try again."],
                ["title"] = T["Media library"], ["upload"] = T["Upload new files in the media library"], ["pageOf"] = T["Page {0} of {1}"],
                ["needsConsent"] = T["Children · consent missing"],
            };
            var json = JsonSerializer.Serialize(texts);
            output.PostContent.AppendHtml($"<script src=\"{HtmlEncoder.Default.Encode(js)}\" data-texts=\"{HtmlEncoder.Default.Encode(json)}\"></script>");
        }
    }
}
