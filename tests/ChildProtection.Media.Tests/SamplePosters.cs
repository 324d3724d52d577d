using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;

namespace ChildProtection.Media.Tests;

/// <summary>
/// The sample posters the setup recipe ships (recipes/media/), drawn pixel by pixel with ImageSharp alone
/// (no fonts, no drawing package). Regenerate them with
/// <c>CP_REGENERATE_POSTERS=1 dotnet test tests/ChildProtection.Media.Tests --filter SamplePoster</c>.
/// </summary>
public static class SamplePosters
{
    public const int Width = 900;
    public const int Height = 1273; // A-series proportions

    public static readonly (string File, Func<Image<Rgb24>> Draw)[] All =
    [
        ("poster-phong-chong-duoi-nuoc.jpg", DrowningPrevention),
        ("poster-thang-hanh-dong.jpg", ActionMonth),
        ("poster-duong-day-nong-111.png", Hotline),
    ];

    public static void WriteAll(string folder)
    {
        Directory.CreateDirectory(folder);
        foreach (var (file, draw) in All)
        {
            using var image = draw();
            var path = Path.Combine(folder, file);
            if (file.EndsWith(".png")) image.Save(path, new PngEncoder { CompressionLevel = PngCompressionLevel.BestCompression, ColorType = PngColorType.Palette });
            else image.Save(path, new JpegEncoder { Quality = 78 });
        }
    }

    private static Image<Rgb24> Paint(Func<int, int, Rgb24> pixel)
    {
        var image = new Image<Rgb24>(Width, Height);
        image.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < rows.Height; y++)
            {
                var row = rows.GetRowSpan(y);
                for (var x = 0; x < row.Length; x++) row[x] = pixel(x, y);
            }
        });
        return image;
    }

    private static bool InCircle(int x, int y, int cx, int cy, int r) => (x - cx) * (x - cx) + (y - cy) * (y - cy) <= r * r;

    /// <summary>Sky, a sun, waves, and a red-and-white lifebuoy.</summary>
    private static Image<Rgb24> DrowningPrevention() => Paint((x, y) =>
    {
        var d2 = (x - 450) * (x - 450) + (y - 760) * (y - 760);
        if (d2 <= 200 * 200 && d2 >= 110 * 110)
        {
            var angle = Math.Atan2(y - 760, x - 450);
            return ((int)Math.Floor((angle + Math.PI) / (Math.PI / 4)) % 2 == 0) ? new Rgb24(220, 30, 40) : new Rgb24(250, 250, 250);
        }
        var wave = 560 + (int)(25 * Math.Sin(x / 60.0)) + (y / 120) * 0;
        if (y > wave)
        {
            var band = (y - wave + (int)(15 * Math.Sin(x / 35.0 + y / 50.0))) / 90 % 2;
            return band == 0 ? new Rgb24(10, 90, 170) : new Rgb24(20, 120, 200);
        }
        if (InCircle(x, y, 700, 220, 110)) return new Rgb24(255, 200, 40);
        return new Rgb24((byte)(150 + y / 10), (byte)(200 + y / 20), 245);
    });

    /// <summary>Green field, balloons of the Action Month, a small house.</summary>
    private static Image<Rgb24> ActionMonth() => Paint((x, y) =>
    {
        Rgb24[] colours = [new(230, 60, 70), new(250, 180, 30), new(40, 150, 220), new(150, 80, 200), new(240, 110, 170)];
        var balloons = new[] { (200, 300, 90), (420, 230, 100), (650, 330, 95), (300, 520, 80), (560, 540, 85) };
        for (var i = 0; i < balloons.Length; i++)
        {
            var (cx, cy, r) = balloons[i];
            if (InCircle(x, y, cx, cy, r)) return colours[i];
            if (Math.Abs(x - cx) <= 2 && y > cy + r && y < cy + r + 220) return new Rgb24(90, 90, 90);
        }
        if (y > 900 && y < 1150 && x > 300 && x < 600) return x > 410 && x < 490 && y > 1020 ? new Rgb24(120, 70, 30) : new Rgb24(250, 240, 220);
        if (y > 760 && y <= 900 && Math.Abs(x - 450) < (y - 760) * 1.2) return new Rgb24(200, 60, 50);
        if (y > 1000) return new Rgb24(70, 160, 70);
        return new Rgb24(225, 245, (byte)(255 - y / 12));
    });

    /// <summary>Orange ground, signal rings and three white bars: 1-1-1.</summary>
    private static Image<Rgb24> Hotline() => Paint((x, y) =>
    {
        foreach (var bx in new[] { 270, 450, 630 })
            if (Math.Abs(x - bx) <= 45 && y > 500 && y < 1050) return new Rgb24(255, 255, 255);
        var d = Math.Sqrt((x - 450) * (x - 450) + (y - 330) * (y - 330));
        if (y < 480 && d < 260 && (int)(d / 40) % 2 == 1) return new Rgb24(255, 235, 200);
        return y > 1150 ? new Rgb24(180, 40, 30) : new Rgb24(240, 120, 30);
    });
}

public sealed class SamplePosterTests
{
    private static string RecipeMediaFolder()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ChildProtection.sln"))) dir = dir.Parent;
        return Path.Combine(dir!.FullName, "recipes", "media");
    }

    [Fact]
    public void The_setup_recipe_ships_small_valid_sample_posters()
    {
        var folder = RecipeMediaFolder();
        if (Environment.GetEnvironmentVariable("CP_REGENERATE_POSTERS") == "1") SamplePosters.WriteAll(folder);
        foreach (var (file, _) in SamplePosters.All)
        {
            var path = Path.Combine(folder, file);
            Assert.True(File.Exists(path), $"{path} is missing");
            Assert.True(new FileInfo(path).Length < 200_000, $"{file} is larger than 200 KB");
            var info = Image.Identify(path);
            Assert.Equal((SamplePosters.Width, SamplePosters.Height), (info.Width, info.Height));
        }
    }
}
