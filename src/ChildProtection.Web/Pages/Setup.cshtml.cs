using ChildProtection.Core.Recipes;
using ChildProtection.Web.Setup;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChildProtection.Web.Pages;

public sealed class SetupModel(SetupState state, SetupService setup, RecipeCatalog catalog) : PageModel
{
    [BindProperty]
    public SetupRequest Input { get; set; } = new();

    public IReadOnlyList<RecipeDescriptor> Recipes { get; private set; } = [];
    public List<(string Field, string Message)> Errors { get; } = [];
    /// <summary>Messages not tied to one input (recipe problems, an already set-up site) are listed on top.</summary>
    public List<string> GeneralErrors => Errors.Where(e => e.Field is "" or "Recipe").Select(e => e.Message).ToList();

    public IEnumerable<TimeZoneInfo> TimeZones => TimeZoneInfo.GetSystemTimeZones()
        .Where(t => t.Id.Contains('/'))
        .OrderBy(t => t.Id == "Asia/Ho_Chi_Minh" ? 0 : 1).ThenBy(t => t.Id);

    public async Task<IActionResult> OnGetAsync()
    {
        if (await state.IsSetUpAsync(HttpContext.RequestAborted)) return Redirect("/");
        Recipes = await catalog.ListAsync(HttpContext.RequestAborted);
        var setupRecipe = Recipes.FirstOrDefault(r => r.IsSetupRecipe);
        if (setupRecipe is not null) Input.Recipe = setupRecipe.Name;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await state.IsSetUpAsync(HttpContext.RequestAborted)) return Redirect("/");
        Recipes = await catalog.ListAsync(HttpContext.RequestAborted);
        Errors.AddRange(await setup.SetUpAsync(Input, HttpContext.RequestAborted));
        if (Errors.Count == 0) return Redirect("/admin");
        Input.AdminPassword = "";
        return Page();
    }

    public IHtmlContent ErrorFor(string field)
    {
        if (field == "Recipe") return HtmlString.Empty;
        var messages = Errors.Where(e => e.Field == field).Select(e => e.Message).ToList();
        if (messages.Count == 0) return HtmlString.Empty;
        var builder = new HtmlContentBuilder();
        builder.AppendHtml($"<p class=\"error\" id=\"{field}-err\" role=\"alert\">");
        builder.Append(string.Join(" ", messages));
        builder.AppendHtml("</p>");
        return builder;
    }
}
