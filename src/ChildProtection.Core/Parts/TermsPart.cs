using System.Text.Json.Nodes;
using ChildProtection.Core.Contents;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Core.Parts;

public sealed class TermsPartSettings
{
    /// <summary>The alias of the taxonomy whose terms may be picked.</summary>
    public string Taxonomy { get; set; } = "topics";
    public bool Multiple { get; set; } = true;
    public bool Required { get; set; }
}

/// <summary>Tags an item with terms of a taxonomy (topics, tags). Attach it under different names for several taxonomies.</summary>
public sealed class TermsPart : ContentPartHandler
{
    public override string PartName => "TermsPart";
    public override string DisplayName => "Terms";
    public override Type? SettingsType => typeof(TermsPartSettings);
    public override IReadOnlyCollection<string> KnownProperties { get; } = ["TermIds"];

    public override async Task<IReadOnlyList<EditorInput>> GetEditorInputsAsync(PartContext context)
    {
        var settings = context.TypePart.GetSettings<TermsPartSettings>();
        var terms = await context.Services.GetRequiredService<ITaxonomyLookup>().GetTermsAsync(settings.Taxonomy);
        return [new EditorInput("TermIds", context.TypePart.DisplayName ?? "Topics", EditorKind.Terms)
        {
            Options = terms.Select(t => (t.TermId, t.DisplayText)).ToList(),
            Multiple = settings.Multiple,
            Required = settings.Required,
        }];
    }

    public override async Task UpdateAsync(PartContext ctx, List<ContentValidationError> errors)
    {
        var settings = ctx.TypePart.GetSettings<TermsPartSettings>();
        var path = $"{ctx.Path}.TermIds";
        var ids = JsonValues.ReadStringArray(ctx.Part, "TermIds", path, errors) ?? [];
        var known = (await ctx.Services.GetRequiredService<ITaxonomyLookup>().GetTermsAsync(settings.Taxonomy)).Select(t => t.TermId).ToHashSet();
        foreach (var id in ids.Where(id => !known.Contains(id)))
            errors.Add(new(path, "The term \"{0}\" does not exist in the taxonomy \"{1}\".", id, settings.Taxonomy));
        if (settings.Required && ids.Count == 0) errors.Add(new(path, "Choose at least one term."));
        if (!settings.Multiple && ids.Count > 1) errors.Add(new(path, "Choose only one term."));
        ctx.Part["TermIds"] = new JsonArray(ids.Distinct().Select(i => (JsonNode)JsonValue.Create(i)!).ToArray());
    }
}

/// <summary>Finds a taxonomy's terms by alias (from the published Taxonomy item, else its latest draft).</summary>
public interface ITaxonomyLookup
{
    Task<IReadOnlyList<TaxonomyPart.Term>> GetTermsAsync(string alias, CancellationToken cancellationToken = default);
}

internal sealed class TaxonomyLookup(IContentManager contents) : ITaxonomyLookup
{
    public async Task<IReadOnlyList<TaxonomyPart.Term>> GetTermsAsync(string alias, CancellationToken cancellationToken = default)
    {
        foreach (var item in await contents.ListLatestOfTypeAsync("Taxonomy", cancellationToken))
        {
            var part = item.Part("TaxonomyPart");
            if (part?["Alias"]?.ToString() == alias) return TaxonomyPart.ReadTerms(part, "TaxonomyPart.Terms");
        }
        return [];
    }
}
