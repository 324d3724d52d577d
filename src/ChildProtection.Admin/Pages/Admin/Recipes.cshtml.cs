using System.Text;
using System.Text.Json;
using ChildProtection.Core;
using ChildProtection.Core.Recipes;
using ChildProtection.Core.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace ChildProtection.Admin.Pages.Admin;

/// <summary>Apply a shipped or uploaded recipe, or download the whole site as one.</summary>
public sealed class RecipesModel(RecipeCatalog catalog, RecipeExecutor executor, IAuthorizationService authorization,
    IStringLocalizer<AdminText> T, IStringLocalizer<CoreText> C) : PageModel
{
    private const long MaxUpload = 20 * 1024 * 1024;

    public IReadOnlyList<RecipeDescriptor> Recipes { get; private set; } = [];
    public List<string> Errors { get; } = [];

    private Task<bool> AllowedAsync() => authorization.AuthorizeAsync(User, ContentPermissions.ManageRecipes);

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await AllowedAsync()) return Forbid();
        Recipes = await catalog.ListAsync(HttpContext.RequestAborted);
        return Page();
    }

    public async Task<IActionResult> OnGetExportAsync()
    {
        if (!await AllowedAsync()) return Forbid();
        var json = await executor.ExportAsync("export", HttpContext.RequestAborted);
        var bytes = Encoding.UTF8.GetBytes(json.ToJsonString(new JsonSerializerOptions
        {
            WriteIndented = true,
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        }));
        return File(bytes, "application/json; charset=utf-8", $"site-{DateTime.UtcNow:yyyyMMdd-HHmm}.recipe.json");
    }

    public async Task<IActionResult> OnPostApplyAsync(string name)
    {
        if (!await AllowedAsync()) return Forbid();
        var recipe = await catalog.FindAsync(name, HttpContext.RequestAborted);
        if (recipe is null) return NotFound();
        return await ApplyAsync(recipe);
    }

    public async Task<IActionResult> OnPostUploadAsync(IFormFile? file)
    {
        if (!await AllowedAsync()) return Forbid();
        Recipes = await catalog.ListAsync(HttpContext.RequestAborted);
        if (file is null || file.Length == 0) { Errors.Add(T["Choose a recipe file."]); return Page(); }
        if (file.Length > MaxUpload) { Errors.Add(T["The file is larger than {0} MB.", MaxUpload / 1024 / 1024]); return Page(); }
        string json;
        try
        {
            using var reader = new StreamReader(file.OpenReadStream(), new UTF8Encoding(false, throwOnInvalidBytes: true));
            json = await reader.ReadToEndAsync(HttpContext.RequestAborted);
        }
        catch (DecoderFallbackException)
        {
            Errors.Add(T["The file is not UTF-8 text."]);
            return Page();
        }
        var (recipe, errors) = RecipeReader.Read(json, fileName: file.FileName);
        if (recipe is null)
        {
            Errors.AddRange(errors.Select(Format));
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        return await ApplyAsync(recipe);
    }

    private async Task<IActionResult> ApplyAsync(RecipeDescriptor recipe)
    {
        var result = await executor.ApplyAsync(recipe, User.Identity?.Name, HttpContext.RequestAborted);
        if (!result.Succeeded)
        {
            Recipes = await catalog.ListAsync(HttpContext.RequestAborted);
            Errors.AddRange(result.Errors.Select(Format));
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        TempData["Message"] = result.ChangedSteps == 0
            ? T["\"{0}\" was already applied; nothing changed.", recipe.DisplayName].Value
            : T["\"{0}\" applied.", recipe.DisplayName].Value;
        return Redirect("/admin/recipes");
    }

    private string Format(RecipeError e) => e.Format((message, args) => C[message, args]);
}
