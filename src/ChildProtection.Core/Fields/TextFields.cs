using ChildProtection.Core.Html;
using ChildProtection.Core.Parts;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Core.Fields;

public sealed class TextFieldSettings : FieldSettings
{
    public int MaxLength { get; set; } = 1000;
    /// <summary>"Text" (one line) or "TextArea".</summary>
    public string Editor { get; set; } = "Text";
}

public sealed class TextField : IContentFieldHandler
{
    public string FieldName => "TextField";
    public string DisplayName => "Text";
    public Type SettingsType => typeof(TextFieldSettings);
    public IReadOnlyCollection<string> KnownProperties { get; } = ["Text"];

    public Task<IReadOnlyList<EditorInput>> GetEditorInputsAsync(FieldContext c)
    {
        var s = c.Field.GetSettings<TextFieldSettings>();
        var kind = s.Editor.Equals("TextArea", StringComparison.OrdinalIgnoreCase) ? EditorKind.TextArea : EditorKind.Text;
        return Task.FromResult<IReadOnlyList<EditorInput>>([new EditorInput("Text", c.Field.DisplayName, kind) { Required = s.Required, MaxLength = s.MaxLength, Hint = s.Hint }]);
    }

    public Task UpdateAsync(FieldContext c, List<ContentValidationError> errors)
    {
        var s = c.Field.GetSettings<TextFieldSettings>();
        var text = JsonValues.ReadString(c.Value, "Text", $"{c.Path}.Text", errors, s.MaxLength);
        if (s.Required && string.IsNullOrWhiteSpace(text) && errors.All(e => e.Path != $"{c.Path}.Text"))
            errors.Add(new($"{c.Path}.Text", "{0} is required.", c.Field.DisplayName));
        if (text is not null) c.Value["Text"] = text.Normalize(System.Text.NormalizationForm.FormC);
        return Task.CompletedTask;
    }
}

public sealed class HtmlField : IContentFieldHandler
{
    public string FieldName => "HtmlField";
    public string DisplayName => "Rich text";
    public IReadOnlyCollection<string> KnownProperties { get; } = ["Html"];

    public Task<IReadOnlyList<EditorInput>> GetEditorInputsAsync(FieldContext c)
    {
        var s = c.Field.GetSettings<FieldSettings>();
        return Task.FromResult<IReadOnlyList<EditorInput>>([new EditorInput("Html", c.Field.DisplayName, EditorKind.Html) { Required = s.Required, Hint = s.Hint }]);
    }

    public Task UpdateAsync(FieldContext c, List<ContentValidationError> errors)
    {
        var s = c.Field.GetSettings<FieldSettings>();
        var html = JsonValues.ReadString(c.Value, "Html", $"{c.Path}.Html", errors, BodyPart.MaxLength);
        if (html is not null) c.Value["Html"] = c.Services.GetRequiredService<IHtmlSanitizing>().Sanitize(html);
        if (s.Required && string.IsNullOrWhiteSpace(c.Value["Html"]?.ToString()))
            errors.Add(new($"{c.Path}.Html", "{0} is required.", c.Field.DisplayName));
        return Task.CompletedTask;
    }
}
