using System.Net;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using System.Text.Unicode;
using Fluid;
using Fluid.Ast;
using Fluid.Parser;

namespace ChildProtection.Notices.Messages;

/// <summary>What one recipient's message is personalised with (the values behind <see cref="PersonalFields.All"/>).</summary>
public sealed record PersonalValues(string OrganisationName, string OrganisationCode, string? Ward, string? ContactName, string? Deadline, string Link);

/// <summary>
/// The Liquid placeholders a notice's subject and body may carry, one per fact about the recipient. The
/// names are Vietnamese without diacritics, so an editor can read them and type them on any keyboard.
/// Only plain output of these names is allowed (with a few text filters): no tags, no loops, no member
/// access — a notice is written by office staff and must not reach anything but these six strings.
/// </summary>
public static partial class PersonalFields
{
    public const string OrganisationName = "ten_don_vi";
    public const string OrganisationCode = "ma_don_vi";
    public const string Ward = "phuong_xa";
    public const string Contact = "nguoi_nhan";
    public const string Deadline = "han_xac_nhan";
    public const string Link = "duong_dan_xac_nhan";

    /// <summary>A placeholder and what it means (an English resource key, Vietnamese on the page).</summary>
    public sealed record Field(string Name, string Meaning);

    public static readonly IReadOnlyList<Field> All =
    [
        new(OrganisationName, "Name of the receiving unit"),
        new(OrganisationCode, "Directory code of the receiving unit"),
        new(Ward, "Ward or commune of the receiving unit"),
        new(Contact, "Contact person of the unit (the unit's name when the directory has none)"),
        new(Deadline, "Response deadline (dd/mm/yyyy; empty without a deadline)"),
        new(Link, "The unit's personal acknowledgement link"),
    ];

    private static readonly HashSet<string> Names = All.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);

    /// <summary>Text filters that only change the look of a value; none of them can reach other data.</summary>
    public static readonly IReadOnlyList<string> Filters = ["upcase", "downcase", "capitalize", "strip", "default"];

    private static readonly FluidParser Parser = new();

    /// <summary>Vietnamese letters stay letters in the HTML part (the default encoder writes most of them as entities).</summary>
    internal static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>True when the text may hold Liquid at all; a notice without it is composed exactly as before.</summary>
    public static bool MayHaveLiquid(string? text) => text is not null && (text.Contains("{{", StringComparison.Ordinal) || text.Contains("{%", StringComparison.Ordinal));

    [GeneratedRegex(@"\{\{.*?\}\}|\{%.*?%\}", RegexOptions.Singleline)]
    private static partial Regex LiquidMarkup();

    /// <summary>
    /// The editor writes HTML: inside a placeholder a quote may come as <c>&amp;quot;</c> and a space as
    /// <c>&amp;nbsp;</c>. Decoded there (only there) so Liquid reads what the person typed.
    /// </summary>
    public static string DecodeMarkupInHtml(string html) =>
        LiquidMarkup().Replace(html, m => WebUtility.HtmlDecode(m.Value).Replace('\u00A0', ' '));

    /// <summary>
    /// Parses and checks one text. Null <see cref="Check.Template"/> with no error: there is no Liquid in it.
    /// The error is an English resource key with the offending name or parser message as {0}.
    /// </summary>
    public static Check Parse(string? source, bool html)
    {
        if (!MayHaveLiquid(source)) return new Check(null, null, null);
        var text = html ? DecodeMarkupInHtml(source!) : source!;
        if (!Parser.TryParse(text, out var parsed, out var error) || parsed is not FluidTemplate template)
            return new Check(null, "The placeholders cannot be read: {0}", FirstLine(error));
        foreach (var statement in template.Statements)
        {
            switch (statement)
            {
                case TextSpanStatement:
                    continue;
                case OutputStatement output:
                    if (CheckExpression(output.Expression) is { } bad) return bad;
                    continue;
                default:
                    return new Check(null, "Only placeholders like {{ ten_don_vi }} are allowed, not Liquid tags ({0}).", TagName(statement));
            }
        }
        return new Check(new PersonalTemplate(template, UsesName(template, Ward)), null, null);
    }

    private static Check? CheckExpression(Expression expression)
    {
        switch (expression)
        {
            case LiteralExpression:
                return null;
            case MemberExpression member:
                if (member.Segments.Count != 1 || member.Segments[0] is not IdentifierSegment id)
                    return new Check(null, "Unknown placeholder {0}.", Describe(member));
                return Names.Contains(id.Identifier) ? null : new Check(null, "Unknown placeholder {0}.", id.Identifier);
            case FilterExpression filter:
                if (!Filters.Contains(filter.Name)) return new Check(null, "The filter {0} is not allowed in placeholders.", filter.Name);
                if (filter.Parameters.Any(p => p.Expression is not LiteralExpression))
                    return new Check(null, "The filter {0} is not allowed in placeholders.", filter.Name);
                return CheckExpression(filter.Input);
            default:
                return new Check(null, "Only placeholders like {{ ten_don_vi }} are allowed, not Liquid tags ({0}).", expression.GetType().Name.Replace("Expression", "", StringComparison.Ordinal).ToLowerInvariant());
        }
    }

    private static bool UsesName(FluidTemplate template, string name) =>
        template.Statements.OfType<OutputStatement>().Any(o => Uses(o.Expression, name));

    private static bool Uses(Expression e, string name) => e switch
    {
        MemberExpression { Segments: [IdentifierSegment id] } => id.Identifier == name,
        FilterExpression f => Uses(f.Input, name),
        _ => false,
    };

    private static string Describe(MemberExpression member) =>
        string.Join('.', member.Segments.Select(s => s is IdentifierSegment i ? i.Identifier : "[…]"));

    private static string TagName(Statement statement) =>
        statement.GetType().Name.Replace("Statement", "", StringComparison.Ordinal).ToLowerInvariant();

    private static string FirstLine(string? error)
    {
        var line = (error ?? "").Split('\n')[0].Trim();
        return line.Length > 200 ? line[..200] : line;
    }

    public sealed record Check(PersonalTemplate? Template, string? ErrorKey, string? ErrorArgument)
    {
        public bool IsValid => ErrorKey is null;
    }
}

/// <summary>
/// One checked text with placeholders: parsed once (per lane run, per preview), rendered per recipient
/// with a context it reuses, so a message costs one small render and no parse.
/// </summary>
public sealed class PersonalTemplate
{
    private static readonly TemplateOptions Options = new();
    private readonly IFluidTemplate template;
    private TemplateContext? context;
    private PersonalValues? contextFor;

    internal PersonalTemplate(IFluidTemplate template, bool usesWard)
    {
        this.template = template;
        UsesWard = usesWard;
    }

    /// <summary>Whether a value has to be looked up in the directory for it (the other values are on the ledger row).</summary>
    public bool UsesWard { get; }

    /// <param name="html">True: values HTML-encoded (the body's HTML part); false: as they are (subject, text part).</param>
    public string Render(PersonalValues values, bool html)
    {
        var c = Context(values);
        return template.Render(c, html ? PersonalFields.Html : NullEncoder.Default);
    }

    private TemplateContext Context(PersonalValues values)
    {
        context ??= new TemplateContext(Options);
        if (ReferenceEquals(contextFor, values)) return context;
        context.SetValue(PersonalFields.OrganisationName, values.OrganisationName);
        context.SetValue(PersonalFields.OrganisationCode, values.OrganisationCode);
        context.SetValue(PersonalFields.Ward, values.Ward ?? "");
        context.SetValue(PersonalFields.Contact, string.IsNullOrWhiteSpace(values.ContactName) ? values.OrganisationName : values.ContactName);
        context.SetValue(PersonalFields.Deadline, values.Deadline ?? "");
        context.SetValue(PersonalFields.Link, values.Link);
        contextFor = values;
        return context;
    }
}
