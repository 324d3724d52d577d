using System.Text.Json;
using System.Text.Json.Nodes;
using ChildProtection.Core.Contents;
using ChildProtection.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Core.Recipes.Steps;

/// <summary>
/// Orchard's Content step: <c>data</c> is a list of items in the wire shape. An item without an id gets
/// one derived from its content, so applying the same recipe again finds and leaves it alone.
/// </summary>
public sealed class ContentStep : IRecipeStep
{
    public string Name => "Content";
    public int ExportOrder => 50;

    public async Task ExecuteAsync(RecipeStepContext ctx)
    {
        if (ctx.Step["data"] is not JsonArray data)
        {
            ctx.Error("data", "Expected a list of content items.");
            return;
        }
        var contents = ctx.Services.GetRequiredService<IContentManager>();
        foreach (var i in DependencyOrder(data))
        {
            var path = $"data[{i}]";
            if (data[i] is not JsonObject json) { ctx.Error(path, "Expected a content item object."); continue; }
            if (json["ContentType"]?.GetValueKind() != JsonValueKind.String) { ctx.Error($"{path}.ContentType", "Each item needs a ContentType."); continue; }
            var item = ContentItem.FromJson(json);
            if (string.IsNullOrEmpty(item.ContentItemId)) item.ContentItemId = IdGenerator.FromSeed(json.ToJsonString());
            var result = await contents.SaveAsync(item, new SaveOptions { Publish = item.Published, User = ctx.User ?? item.Owner, SkipIfUnchanged = true, KeepDates = true });
            foreach (var error in result.Errors)
                ctx.Error(string.IsNullOrEmpty(error.Path) ? path : $"{path}.{error.Path}", error.Message, error.Args);
            if (result.Succeeded && !result.Unchanged) ctx.Changed = true;
            if (ctx.Errors.Count > 0) return;
        }
    }

    /// <summary>
    /// Items that name other items (content pickers) or terms (taxonomies) are saved after those, whatever
    /// order the recipe lists them in; validation needs the referenced items to exist. Ties and cycles
    /// keep the recipe's order.
    /// </summary>
    internal static IEnumerable<int> DependencyOrder(JsonArray data)
    {
        var ids = new Dictionary<string, int>();
        var taxonomies = new List<int>();
        for (var i = 0; i < data.Count; i++)
        {
            if (data[i] is not JsonObject o) continue;
            if (o["ContentItemId"]?.GetValueKind() == JsonValueKind.String) ids.TryAdd(o["ContentItemId"]!.GetValue<string>(), i);
            if (o["ContentType"]?.GetValueKind() == JsonValueKind.String && o["ContentType"]!.GetValue<string>() == "Taxonomy") taxonomies.Add(i);
        }
        var dependencies = new List<HashSet<int>>();
        for (var i = 0; i < data.Count; i++)
        {
            var deps = new HashSet<int>();
            if (data[i] is JsonObject o) CollectReferences(o, ids, taxonomies, deps);
            deps.Remove(i);
            dependencies.Add(deps);
        }
        var done = new bool[data.Count];
        for (var emitted = 0; emitted < data.Count;)
        {
            var next = Enumerable.Range(0, data.Count).FirstOrDefault(i => !done[i] && dependencies[i].All(d => done[d]), -1);
            if (next < 0) next = Array.IndexOf(done, false); // a cycle: take the first remaining as listed
            done[next] = true;
            emitted++;
            yield return next;
        }
    }

    private static void CollectReferences(JsonNode node, Dictionary<string, int> ids, List<int> taxonomies, HashSet<int> deps)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o)
                {
                    if (value is null) continue;
                    if (key == "TermIds") deps.UnionWith(taxonomies);
                    if (key == "ContentItemIds" && value is JsonArray refs)
                        foreach (var r in refs)
                            if (r?.GetValueKind() == JsonValueKind.String && ids.TryGetValue(r.GetValue<string>(), out var index)) deps.Add(index);
                    CollectReferences(value, ids, taxonomies, deps);
                }
                break;
            case JsonArray a:
                foreach (var value in a) if (value is not null) CollectReferences(value, ids, taxonomies, deps);
                break;
        }
    }

    public async Task ExportAsync(RecipeExportContext context)
    {
        var db = context.Services.GetRequiredService<CoreDbContext>();
        var data = new JsonArray();
        // Published versions first: an item with a newer draft exports its published version and then the draft.
        var records = await db.ContentItems.AsNoTracking()
            .Where(r => !r.Removed && (r.Latest || r.Published))
            .OrderBy(r => r.CreatedUtc).ThenBy(r => r.Id)
            .ToListAsync();
        foreach (var group in records.GroupBy(r => r.ContentItemId))
        {
            foreach (var record in group.OrderByDescending(r => r.Published).ThenBy(r => r.Number))
            {
                var json = ContentManager.ToItem(record).ToJson();
                foreach (var name in new[] { "ContentItemVersionId", "Latest", "ModifiedUtc" }) json.Remove(name);
                if (!record.Published) json.Remove("PublishedUtc");
                data.Add(json);
            }
        }
        context.Steps.Add(new JsonObject { ["name"] = Name, ["data"] = data });
    }
}
