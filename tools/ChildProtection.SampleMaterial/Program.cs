using ChildProtection.SampleMaterial;
using PdfSharp.Fonts;

// Writes the sample material into recipes/media/sample, or with "check" compares it with what is there
// (exit code 1 and the names of the files that differ).
GlobalFontSettings.FontResolver = new EmbeddedFontResolver();
var check = args.Contains("check");
var folder = args.FirstOrDefault(a => a != "check") ?? Path.Combine(RepositoryRoot(), "recipes", "media", "sample");

var files = new SortedDictionary<string, byte[]>(StringComparer.Ordinal)
{
    ["ap-phich-tong-dai-111.pdf"] = PdfRenderer.Render("Áp phích Tổng đài quốc gia bảo vệ trẻ em 111", "Áp phích khổ A3", [Posters.Hotline()]),
    ["ap-phich-tong-dai-111.png"] = RasterRenderer.Png(Posters.Hotline(), 1f),
    ["ap-phich-phong-chong-duoi-nuoc.pdf"] = PdfRenderer.Render("Áp phích Phòng, chống đuối nước trẻ em", "Áp phích khổ A3", [Posters.Drowning()]),
    ["ap-phich-phong-chong-duoi-nuoc.png"] = RasterRenderer.Png(Posters.Drowning(), 1f),
    ["ap-phich-thang-hanh-dong.pdf"] = PdfRenderer.Render("Áp phích Tháng hành động vì trẻ em 2024", "Áp phích khổ A3", [Posters.ActionMonth()]),
    ["ap-phich-thang-hanh-dong.png"] = RasterRenderer.Png(Posters.ActionMonth(), 1f),
    ["so-tay-bao-ve-tre-em.pdf"] = PdfRenderer.Render(Handbook.Title, "Sổ tay khổ A5 dành cho cha mẹ và thầy cô", Handbook.Pages()),
    ["so-tay-bao-ve-tre-em-bia.png"] = RasterRenderer.Png(Handbook.Cover(), 1.5f),
    ["to-roi-mua-he-an-toan.pdf"] = PdfRenderer.Render(Leaflet.Title, "Tờ rơi A4 gấp ba", Leaflet.Sides()),
    ["to-roi-mua-he-an-toan-bia.png"] = RasterRenderer.Png(Leaflet.Outside(), 1f),
    ["ke-hoach-thang-hanh-dong-truong-hoc.docx"] = PlanDocument.Write(),
    ["ke-hoach-thang-hanh-dong-truong-hoc-bia.png"] = RasterRenderer.Png(PlanDocument.Cover(), 1f),
    ["chien-dich-thang-hanh-dong.jpg"] = RasterRenderer.Jpeg(Pictures.ActionMonthHero(), 2f),
    ["chien-dich-phong-chong-duoi-nuoc.jpg"] = RasterRenderer.Jpeg(Pictures.DrowningHero(), 2f),
    ["tin-tuc-cong-van-2869.jpg"] = RasterRenderer.Jpeg(Pictures.DispatchArticle(), 1.5f),
    ["tin-tuc-mua-he-an-toan.jpg"] = RasterRenderer.Jpeg(Pictures.SummerArticle(), 1.5f),
};

if (check)
{
    var differing = files.Where(f => !File.Exists(Path.Combine(folder, f.Key)) || !File.ReadAllBytes(Path.Combine(folder, f.Key)).AsSpan().SequenceEqual(f.Value)).Select(f => f.Key).ToList();
    var extra = Directory.Exists(folder) ? Directory.GetFiles(folder).Select(Path.GetFileName).Where(n => !files.ContainsKey(n!)).ToList() : [];
    foreach (var name in differing) Console.WriteLine($"differs: {name}");
    foreach (var name in extra) Console.WriteLine($"not generated: {name}");
    Console.WriteLine(differing.Count + extra.Count == 0 ? $"sample material: {files.Count} files reproduced" : "sample material: NOT reproduced");
    return differing.Count + extra.Count == 0 ? 0 : 1;
}

Directory.CreateDirectory(folder);
foreach (var (name, bytes) in files)
{
    File.WriteAllBytes(Path.Combine(folder, name), bytes);
    Console.WriteLine($"{bytes.Length,9:N0}  {name}");
}
Console.WriteLine($"{files.Values.Sum(b => b.Length),9:N0}  total");
return 0;

static string RepositoryRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        if (File.Exists(Path.Combine(dir.FullName, "ChildProtection.sln"))) return dir.FullName;
    throw new InvalidOperationException("Run from inside the repository (ChildProtection.sln not found).");
}
