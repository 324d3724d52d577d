using ChildProtection.Core.Parts;

namespace ChildProtection.Search.Indexing;

/// <summary>The names of the site's topics, so a search for "đuối nước" finds items filed under that topic.</summary>
internal static class TopicNames
{
    public const string Taxonomy = "topics";

    public static async Task<IReadOnlyDictionary<string, string>> LoadAsync(ITaxonomyLookup taxonomies, CancellationToken cancellationToken)
    {
        var terms = await taxonomies.GetTermsAsync(Taxonomy, cancellationToken);
        var names = new Dictionary<string, string>();
        foreach (var term in terms) names.TryAdd(term.TermId, term.DisplayText);
        return names;
    }
}
