using ChildProtection.Core.Parts;

namespace ChildProtection.Core.Fields;

public sealed class NumberFieldSettings : FieldSettings
{
    public decimal? Minimum { get; set; }
    public decimal? Maximum { get; set; }
    public int Scale { get; set; }
}

public sealed class NumberField : IContentFieldHandler
{
    public string FieldName => "NumberField";
    public string DisplayName => "Number";
    public Type SettingsType => typeof(NumberFieldSettings);
    public IReadOnlyCollection<string> KnownProperties { get; } = ["Value"];

    public Task<IReadOnlyList<EditorInput>> GetEditorInputsAsync(FieldContext c)
    {
        var s = c.Field.GetSettings<NumberFieldSettings>();
        return Task.FromResult<IReadOnlyList<EditorInput>>([new EditorInput("Value", c.Field.DisplayName, EditorKind.Number) { Required = s.Required, Hint = s.Hint }]);
    }

    public Task UpdateAsync(FieldContext c, List<ContentValidationError> errors)
    {
        var s = c.Field.GetSettings<NumberFieldSettings>();
        var path = $"{c.Path}.Value";
        var value = JsonValues.ReadNumber(c.Value, "Value", path, errors);
        if (value is null)
        {
            if (s.Required && errors.All(e => e.Path != path)) errors.Add(new(path, "{0} is required.", c.Field.DisplayName));
            c.Value.Remove("Value");
            return Task.CompletedTask;
        }
        if (s.Minimum is { } min && value < min) errors.Add(new(path, "{0} must be at least {1}.", c.Field.DisplayName, min));
        if (s.Maximum is { } max && value > max) errors.Add(new(path, "{0} must be at most {1}.", c.Field.DisplayName, max));
        c.Value["Value"] = Math.Round(value.Value, Math.Clamp(s.Scale, 0, 10));
        return Task.CompletedTask;
    }
}

public sealed class BooleanField : IContentFieldHandler
{
    public string FieldName => "BooleanField";
    public string DisplayName => "Yes/no";
    public IReadOnlyCollection<string> KnownProperties { get; } = ["Value"];

    public Task<IReadOnlyList<EditorInput>> GetEditorInputsAsync(FieldContext c) =>
        Task.FromResult<IReadOnlyList<EditorInput>>([new EditorInput("Value", c.Field.DisplayName, EditorKind.Boolean) { Hint = c.Field.GetSettings<FieldSettings>().Hint }]);

    public Task UpdateAsync(FieldContext c, List<ContentValidationError> errors)
    {
        c.Value["Value"] = JsonValues.ReadBool(c.Value, "Value", $"{c.Path}.Value", errors) ?? false;
        return Task.CompletedTask;
    }
}

/// <summary>A calendar date (no time, no time zone), stored as yyyy-MM-dd.</summary>
public sealed class DateField : IContentFieldHandler
{
    public string FieldName => "DateField";
    public string DisplayName => "Date";
    public IReadOnlyCollection<string> KnownProperties { get; } = ["Value"];

    public Task<IReadOnlyList<EditorInput>> GetEditorInputsAsync(FieldContext c)
    {
        var s = c.Field.GetSettings<FieldSettings>();
        return Task.FromResult<IReadOnlyList<EditorInput>>([new EditorInput("Value", c.Field.DisplayName, EditorKind.Date) { Required = s.Required, Hint = s.Hint }]);
    }

    public Task UpdateAsync(FieldContext c, List<ContentValidationError> errors)
    {
        var s = c.Field.GetSettings<FieldSettings>();
        var path = $"{c.Path}.Value";
        var value = JsonValues.ReadDateTime(c.Value, "Value", path, errors);
        if (value is null)
        {
            if (s.Required && errors.All(e => e.Path != path)) errors.Add(new(path, "{0} is required.", c.Field.DisplayName));
            c.Value.Remove("Value");
        }
        else c.Value["Value"] = value.Value.ToString("yyyy-MM-dd");
        return Task.CompletedTask;
    }
}

/// <summary>An instant, stored in UTC (ISO 8601 with Z); editors show it in the site's time zone.</summary>
public sealed class DateTimeField : IContentFieldHandler
{
    public string FieldName => "DateTimeField";
    public string DisplayName => "Date and time";
    public IReadOnlyCollection<string> KnownProperties { get; } = ["Value"];

    public Task<IReadOnlyList<EditorInput>> GetEditorInputsAsync(FieldContext c)
    {
        var s = c.Field.GetSettings<FieldSettings>();
        return Task.FromResult<IReadOnlyList<EditorInput>>([new EditorInput("Value", c.Field.DisplayName, EditorKind.DateTime) { Required = s.Required, Hint = s.Hint }]);
    }

    public Task UpdateAsync(FieldContext c, List<ContentValidationError> errors)
    {
        var s = c.Field.GetSettings<FieldSettings>();
        var path = $"{c.Path}.Value";
        var value = JsonValues.ReadDateTime(c.Value, "Value", path, errors);
        if (value is null)
        {
            if (s.Required && errors.All(e => e.Path != path)) errors.Add(new(path, "{0} is required.", c.Field.DisplayName));
            c.Value.Remove("Value");
        }
        else
        {
            var utc = value.Value.Kind switch
            {
                DateTimeKind.Utc => value.Value,
                DateTimeKind.Local => value.Value.ToUniversalTime(),
                _ => DateTime.SpecifyKind(value.Value, DateTimeKind.Utc),
            };
            c.Value["Value"] = utc.ToString("yyyy-MM-ddTHH:mm:ssZ");
        }
        return Task.CompletedTask;
    }
}
