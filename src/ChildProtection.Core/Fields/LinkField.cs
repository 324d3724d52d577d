using ChildProtection.Core.Parts;

namespace ChildProtection.Core.Fields;

public sealed class LinkField : IContentFieldHandler
{
    public string FieldName => "LinkField";
    public string DisplayName => "Link";
    public IReadOnlyCollection<string> KnownProperties { get; } = ["Url", "Text"];

    public Task<IReadOnlyList<EditorInput>> GetEditorInputsAsync(FieldContext c)
    {
        var s = c.Field.GetSettings<FieldSettings>();
        return Task.FromResult<IReadOnlyList<EditorInput>>([
            new EditorInput("Url", c.Field.DisplayName, EditorKind.Url) { Required = s.Required, MaxLength = 2048, Hint = s.Hint },
            new EditorInput("Text", "Link text", EditorKind.Text) { MaxLength = 300 },
        ]);
    }

    public Task UpdateAsync(FieldContext c, List<ContentValidationError> errors)
    {
        var s = c.Field.GetSettings<FieldSettings>();
        var url = JsonValues.ReadString(c.Value, "Url", $"{c.Path}.Url", errors, 2048)?.Trim();
        JsonValues.ReadString(c.Value, "Text", $"{c.Path}.Text", errors, 300);
        if (string.IsNullOrEmpty(url))
        {
            if (s.Required) errors.Add(new($"{c.Path}.Url", "{0} is required.", c.Field.DisplayName));
            return Task.CompletedTask;
        }
        if (!LinkRules.IsSafeUrl(url)) errors.Add(new($"{c.Path}.Url", "Enter an address starting with https://, http:// or /."));
        c.Value["Url"] = url;
        return Task.CompletedTask;
    }
}
