namespace ChildProtection.Bench;

internal sealed record BenchArgs(int Seconds, int Concurrency, int Items, int Samples)
{
    public static BenchArgs Parse(string[] args, int seconds = 8, int concurrency = 32, int items = 100_000, int samples = 200)
    {
        string? Get(string name) { var i = Array.IndexOf(args, name); return i >= 0 && i + 1 < args.Length ? args[i + 1] : null; }
        return new BenchArgs(
            int.TryParse(Get("--seconds"), out var s) ? s : seconds,
            int.TryParse(Get("--concurrency"), out var c) ? c : concurrency,
            int.TryParse(Get("--items"), out var n) ? n : items,
            int.TryParse(Get("--samples"), out var m) ? m : samples);
    }
}
