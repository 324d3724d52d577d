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

/// <summary>What the date and date-time fields share: reading, the required check, and the editor.</summary>
public abstract class DateFieldBase(string fieldName, string displayName, EditorKind kind) : IContentFieldHandler
{
    public string FieldName => fieldName;
    public string DisplayName => displayName;
    public IReadOnlyCollection<string> KnownProperties { get; } = ["Value"];

    public Task<IReadOnlyList<EditorInput>> GetEditorInputsAsync(FieldContext c)
    {
        var s = c.Field.GetSettings<FieldSettings>();
        return Task.FromResult<IReadOnlyList<EditorInput>>([new EditorInput("Value", c.Field.DisplayName, kind) { Required = s.Required, Hint = s.Hint }]);
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
        else c.Value["Value"] = Format(value.Value);
        return Task.CompletedTask;
    }

    protected abstract string Format(DateTime value);
}

/// <summary>A calendar date (no time, no time zone), stored as yyyy-MM-dd.</summary>
public sealed class DateField() : DateFieldBase("DateField", "Date", EditorKind.Date)
{
    protected override string Format(DateTime value) => value.ToString("yyyy-MM-dd");
}

/// <summary>An instant, stored in UTC (ISO 8601 with Z); editors show it in the site's time zone.</summary>
public sealed class DateTimeField() : DateFieldBase("DateTimeField", "Date and time", EditorKind.DateTime)
{
    protected override string Format(DateTime value)
    {
        var utc = value.Kind switch
        {
            DateTimeKind.Utc => value,
            DateTimeKind.Local => value.ToUniversalTime(),
            _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
        };
        return utc.ToString("yyyy-MM-ddTHH:mm:ssZ");
    }
}
