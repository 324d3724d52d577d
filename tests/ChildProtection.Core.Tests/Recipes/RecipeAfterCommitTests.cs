using ChildProtection.Core.Contents;
using ChildProtection.Core.Recipes;
using ChildProtection.Core.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Core.Tests.Recipes;

/// <summary>
/// A step's writes outside the recipe's transaction (the Media step's files) are in place before the content
/// events of the recipe's items run: an index fed by a publication (the library's covers) finds them.
/// </summary>
public sealed class RecipeAfterCommitTests
{
    /// <summary>Stands for the Media step: its write happens after the commit.</summary>
    private sealed class StoreLaterStep(StoredThings stored) : IRecipeStep
    {
        public string Name => "StoreLater";
        public Task ExecuteAsync(RecipeStepContext context)
        {
            context.Changed = true;
            context.AfterCommit(() => { stored.Done = true; return Task.CompletedTask; });
            return Task.CompletedTask;
        }
    }

    private sealed class StoredThings { public bool Done; }

    [Fact]
    public async Task A_steps_after_commit_write_runs_before_the_content_events_of_the_recipe()
    {
        var stored = new StoredThings();
        await using var site = await EngineSite.StartAsync<Sqlite>(services =>
        {
            services.AddSingleton(stored);
            services.AddSingleton<IRecipeStep, StoreLaterStep>();
        });
        Assert.True((await site.ApplyRecipeAsync(TestRecipes.Types)).Succeeded);
        var seenAtPublication = new List<bool>();
        site.Events.OnPublished = _ => { seenAtPublication.Add(stored.Done); return Task.CompletedTask; };

        var result = await site.ApplyRecipeAsync("""
        {
          "name": "store-later",
          "steps": [
            { "name": "StoreLater" },
            { "name": "Content", "data": [ { "ContentItemId": "home0000000000000000000001", "ContentType": "Page", "Published": true, "TitlePart": { "Title": "Trang chủ" } } ] }
          ]
        }
        """);

        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Format())));
        Assert.Equal([true], seenAtPublication);
    }
}
