using System.Text.Json;
using System.Text.Json.Nodes;
using ChildProtection.Core.Contents;
using ChildProtection.Core.Recipes;
using ChildProtection.Media.Checking;
using ChildProtection.Media.Content;
using ChildProtection.Media.Data;
using ChildProtection.Media.Imaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChildProtection.Media.Recipes;

/// <summary>
/// <c>{ "name": "Media", "Folder": "media", "Files": [ { "Id", "Path", "Folder", "Name", "AltText", "Caption", "Credit", "Restricted" } ] }</c>:
/// imports files from a folder beside the recipe (<c>Folder</c>, default <c>media</c>). Each file is
/// checked by content exactly as an upload; an <c>Id</c> (26 letters and digits) lets the recipe's content
/// refer to it, and without one a stable id is made from the recipe's name and the path. A file whose id is
/// already in the library is left as it is, so applying the recipe twice changes nothing. The media
/// tables are not in the recipe's transaction: files are checked and planned now (the Content step of
/// the same recipe can use them) and stored once the recipe has committed.
/// </summary>
public sealed class MediaStep : IRecipeStep
{
    private static readonly HashSet<string> StepProperties = new(StringComparer.Ordinal) { "name", "Folder", "Files" };
    private static readonly HashSet<string> FileProperties = new(StringComparer.Ordinal) { "Id", "Path", "Folder", "Name", "AltText", "Caption", "Credit", "Restricted" };

    public string Name => "Media";
    public int ExportOrder => 40;

    private sealed record Entry(string Id, string FullPath, string Name, string Folder, string? Alt, string? Caption, string? Credit, bool Restricted);

    public async Task ExecuteAsync(RecipeStepContext ctx)
    {
        foreach (var (key, _) in ctx.Step)
            if (!StepProperties.Contains(key)) ctx.Error(key, "Unknown property \"{0}\" in the Media step.", key);
        if (ctx.Recipe.BasePath is null)
        {
            ctx.Error("", "The Media step imports files from a folder beside the recipe file; this recipe has no folder (apply it from the recipes folder or the command line).");
            return;
        }
        var folderName = Text(ctx, ctx.Step, "Folder", "Folder") ?? "media";
        var root = Path.GetFullPath(Path.Combine(ctx.Recipe.BasePath, folderName));
        if (!IsInside(root, ctx.Recipe.BasePath) || !Directory.Exists(root))
        {
            ctx.Error("Folder", "The folder \"{0}\" does not exist beside the recipe.", folderName);
            return;
        }
        if (ctx.Step["Files"] is not JsonArray files)
        {
            ctx.Error("Files", "Files must be a list.");
            return;
        }

        var entries = new List<Entry>();
        for (var i = 0; i < files.Count; i++)
        {
            var at = $"Files[{i}]";
            if (files[i] is not JsonObject f) { ctx.Error(at, "Expected an object."); continue; }
            foreach (var (key, _) in f)
                if (!FileProperties.Contains(key)) ctx.Error($"{at}.{key}", "Unknown property \"{0}\".", key);
            var relative = Text(ctx, f, "Path", $"{at}.Path");
            if (string.IsNullOrWhiteSpace(relative)) { ctx.Error($"{at}.Path", "Path is required."); continue; }
            var full = Path.GetFullPath(Path.Combine(root, relative));
            if (!IsInside(full, root) || !File.Exists(full)) { ctx.Error($"{at}.Path", "The file \"{0}\" does not exist in the recipe's media folder.", relative); continue; }
            var id = Text(ctx, f, "Id", $"{at}.Id") ?? IdGenerator.FromSeed($"media:{ctx.Recipe.Name}:{relative.Replace('\\', '/')}");
            if (!MediaStorage.IsValidId(id)) { ctx.Error($"{at}.Id", "An id is 26 lower-case letters and digits (no i, l, o or u)."); continue; }
            if (entries.Any(e => e.Id == id)) { ctx.Error($"{at}.Id", "The id {0} is used twice.", id); continue; }
            var folder = MediaFolders.Normalize(Text(ctx, f, "Folder", $"{at}.Folder"));
            if (folder is null) { ctx.Error($"{at}.Folder", "The folder name is not valid."); continue; }
            entries.Add(new Entry(id, full, Text(ctx, f, "Name", $"{at}.Name") ?? Path.GetFileName(full), folder,
                Text(ctx, f, "AltText", $"{at}.AltText"), Text(ctx, f, "Caption", $"{at}.Caption"), Text(ctx, f, "Credit", $"{at}.Credit"),
                Flag(ctx, f, "Restricted", $"{at}.Restricted")));
        }
        if (ctx.Errors.Count > 0) return;

        var db = ctx.Services.GetRequiredService<MediaDbContext>();
        var ids = entries.Select(e => e.Id).ToList();
        var existing = (await db.Media.AsNoTracking().Where(m => ids.Contains(m.Id)).ToListAsync()).ToDictionary(m => m.Id);
        var inspector = ctx.Services.GetRequiredService<FileInspector>();
        var plan = ctx.Services.GetRequiredService<MediaRecipePlan>();
        var toStore = new List<Entry>();
        for (var i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            if (existing.ContainsKey(e.Id)) continue;
            var name = FileNames.CleanOriginal(e.Name);
            var (inspection, refusal) = await inspector.InspectAsync(e.FullPath, name, CancellationToken.None);
            if (refusal is not null) { ctx.Error($"Files[{i}].Path", refusal.Message, refusal.Args); continue; }
            var found = inspection!;
            var now = DateTime.UtcNow;
            plan.Add(new MediaFile(e.Id, e.Folder, name, FileNames.StoredName(e.Id, name, found.Extension), found.ContentType, found.Kind,
                new FileInfo(e.FullPath).Length, found.Width, found.Height, found.PageCount, MediaLibrary.Clean(e.Alt, 1000), MediaLibrary.Clean(e.Caption, 1000),
                MediaLibrary.Clean(e.Credit, 300), "", e.Restricted, false, now, now));
            toStore.Add(e with { Name = name });
        }
        if (ctx.Errors.Count > 0 || toStore.Count == 0) return;

        ctx.Changed = true;
        var scopes = ctx.Services.GetRequiredService<IServiceScopeFactory>();
        var user = ctx.User;
        ctx.AfterCommit(async () =>
        {
            await using var scope = scopes.CreateAsyncScope();
            var library = scope.ServiceProvider.GetRequiredService<MediaLibrary>();
            var logger = scope.ServiceProvider.GetRequiredService<ILogger<MediaStep>>();
            foreach (var e in toStore)
            {
                await using var content = File.OpenRead(e.FullPath);
                var (record, error) = await library.StoreRecordAsync(new MediaUpload
                {
                    Content = content, OriginalName = e.Name, Folder = e.Folder, AltText = e.Alt, Caption = e.Caption, Credit = e.Credit, User = user,
                }, CancellationToken.None, e.Id);
                if (record is null) logger.LogWarning("The recipe's file {Path} was not stored: {Error}", e.FullPath, error);
                // Staff-only files stay staff-only on the site the recipe builds (an export keeps the mark).
                else if (e.Restricted) await library.SetRestrictedAsync(record.Id, true);
            }
        });
    }

    /// <summary>
    /// Every file of the library, as uploaded, written into the export's files folder (<c>media/</c> beside the
    /// recipe, this step's default) under its folder and stored name, with the id the content refers to. Without
    /// a files folder (the admin's one-file download) the step is left out: a list of files that are not there
    /// would make the recipe refuse to apply anywhere.
    /// </summary>
    public async Task ExportAsync(RecipeExportContext context)
    {
        if (context.FilesFolder is null) return;
        var db = context.Services.GetRequiredService<MediaDbContext>();
        var library = context.Services.GetRequiredService<MediaLibrary>();
        var logger = context.Services.GetRequiredService<ILogger<MediaStep>>();
        var records = await db.Media.AsNoTracking().OrderBy(m => m.Folder).ThenBy(m => m.Id).ToListAsync();
        if (records.Count == 0) return;
        var files = new JsonArray();
        foreach (var record in records)
        {
            var content = await library.OpenUntouchedAsync(record, CancellationToken.None);
            if (content is null)
            {
                logger.LogWarning("Media {Id} is left out of the export: its file is missing", record.Id);
                continue;
            }
            var relative = record.Folder.Length == 0 ? record.StoredName : record.Folder + "/" + record.StoredName;
            var target = Path.Combine(context.FilesFolder, relative.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            await using (var source = content.OpenRead())
            await using (var output = File.Create(target))
                await source.CopyToAsync(output);
            var entry = new JsonObject { ["Id"] = record.Id, ["Path"] = relative };
            if (record.Folder.Length > 0) entry["Folder"] = record.Folder;
            entry["Name"] = record.OriginalName;
            if (record.AltText is not null) entry["AltText"] = record.AltText;
            if (record.Caption is not null) entry["Caption"] = record.Caption;
            if (record.Credit is not null) entry["Credit"] = record.Credit;
            if (record.Restricted) entry["Restricted"] = true;
            files.Add(entry);
        }
        context.Steps.Add(new JsonObject { ["name"] = Name, ["Folder"] = "media", ["Files"] = files });
    }

    private static bool IsInside(string path, string folder)
    {
        var root = Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        return Path.GetFullPath(path).StartsWith(root, StringComparison.Ordinal) || Path.GetFullPath(path) + Path.DirectorySeparatorChar == root;
    }

    private static bool Flag(RecipeStepContext ctx, JsonObject o, string property, string path)
    {
        var node = o[property];
        if (node is null || node.GetValueKind() == JsonValueKind.Null) return false;
        if (node.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False)) { ctx.Error(path, "Expected true or false."); return false; }
        return node.GetValue<bool>();
    }

    private static string? Text(RecipeStepContext ctx, JsonObject o, string property, string path)
    {
        var node = o[property];
        if (node is null || node.GetValueKind() == JsonValueKind.Null) return null;
        if (node.GetValueKind() != JsonValueKind.String) { ctx.Error(path, "Expected text."); return null; }
        var value = node.GetValue<string>();
        return string.IsNullOrWhiteSpace(value) ? null : value;
    }
}
