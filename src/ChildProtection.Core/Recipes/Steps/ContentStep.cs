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
        for (var i = 0; i < data.Count; i++)
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
