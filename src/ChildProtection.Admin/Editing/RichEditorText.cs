using Microsoft.Extensions.Localization;

namespace ChildProtection.Admin.Editing;

/// <summary>
/// The rich editor's words (toolbar labels and tooltips, dialogs, messages), from the Admin module's
/// resources so they follow the site's language like every other admin text. The admin layout writes
/// them as a JSON block the script reads (see wwwroot/js/rich-editor.js); a pair is [visible text,
/// accessible name / tooltip].
/// </summary>
public static class RichEditorText
{
    public static IReadOnlyDictionary<string, object> For(IStringLocalizer<AdminText> T) => new Dictionary<string, object>
    {
        ["toolbar"] = T["Text formatting"].Value,
        ["area"] = T["Content"].Value,
        ["p"] = new[] { "¶", T["Paragraph"].Value },
        ["h2"] = new[] { "H2", T["Heading level 2"].Value },
        ["h3"] = new[] { "H3", T["Heading level 3"].Value },
        ["bold"] = new[] { "B", T["Bold (Ctrl+B)"].Value },
        ["italic"] = new[] { "I", T["Italic (Ctrl+I)"].Value },
        ["underline"] = new[] { "U", T["Underline (Ctrl+U)"].Value },
        ["ul"] = new[] { "• ≡", T["Bulleted list"].Value },
        ["ol"] = new[] { "1. ≡", T["Numbered list"].Value },
        ["quote"] = new[] { "❝", T["Quotation"].Value },
        ["link"] = new[] { T["Link"].Value, T["Insert a link (Ctrl+K)"].Value },
        ["unlink"] = new[] { T["Unlink"].Value, T["Remove the link"].Value },
        ["image"] = new[] { T["Image"].Value, T["Insert an image from the media library"].Value },
        ["table"] = new[] { T["Table"].Value, T["Insert a 3 × 3 table"].Value },
        ["row"] = new[] { T["+ Row"].Value, T["Add a row below"].Value },
        ["column"] = new[] { T["+ Column"].Value, T["Add a column to the right"].Value },
        ["dropTable"] = new[] { T["− Table"].Value, T["Delete the table"].Value },
        ["undo"] = new[] { "↺", T["Undo (Ctrl+Z)"].Value },
        ["redo"] = new[] { "↻", T["Redo (Ctrl+Y)"].Value },
        ["clear"] = new[] { "Tx", T["Clear formatting"].Value },
        ["source"] = new[] { "HTML", T["View and edit the HTML"].Value },
        ["linkUrl"] = T["Link address"].Value,
        ["insert"] = T["Insert"].Value,
        ["cancel"] = T["Cancel"].Value,
        ["linkBad"] = T["The address is not valid. Use http://, https://, mailto:, tel: or a path starting with /."].Value,
        ["mediaTitle"] = T["Choose an image from the library"].Value,
        ["mediaSearch"] = T["Search by name, description or folder"].Value,
        ["mediaNone"] = T["No image matches."].Value,
        ["mediaFailed"] = T["The media library did not answer; try again."].Value,
        ["mediaForbidden"] = T["You may not use the media library."].Value,
        ["mediaLoading"] = T["Loading…"].Value,
        ["alt"] = T["Image description (alternative text, required)"].Value,
        ["altRequired"] = T["Describe the image for people who cannot see it; an image without a description is not inserted."].Value,
        ["pickFirst"] = T["Choose an image."].Value,
        ["tooLong"] = T["The content is too long: at most 5,000,000 characters. What you pasted was not added; split it into several articles or shorten it."].Value,
    };
}
