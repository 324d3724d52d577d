namespace ChildProtection.Core.Recipes;

/// <summary>The recipes shipped in the repository's <c>recipes/</c> folder.</summary>
public sealed class RecipeCatalog(string folder)
{
    public string Folder => folder;

    public async Task<IReadOnlyList<RecipeDescriptor>> ListAsync(CancellationToken cancellationToken = default)
    {
        var list = new List<RecipeDescriptor>();
        if (!Directory.Exists(folder)) return list;
        foreach (var file in Directory.EnumerateFiles(folder, "*.recipe.json").Order())
        {
            var (recipe, _) = await RecipeReader.ReadFileAsync(file, cancellationToken);
            if (recipe is not null) list.Add(recipe);
        }
        return list;
    }

    public async Task<RecipeDescriptor?> FindAsync(string name, CancellationToken cancellationToken = default) =>
        (await ListAsync(cancellationToken)).FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase));
}
