using ChildProtection.Bench;

var scenario = args.FirstOrDefault() ?? "";
return scenario switch
{
    "pages" => await PagesScenario.RunAsync(args[1..]),
    // Issue 15: 10 minutes at 200 connections over the public pages, the site's RSS sampled (see SoakScenario).
    "soak" => await SoakScenario.RunAsync(args[1..]),
    "admin-list" => await AdminListScenario.RunAsync(args[1..]),
    "notices" => await NoticesScenario.RunAsync(args[1..]),
    // Issue 16: 10,000 recipients, the site process SIGKILLed at 40 % and started again; lost and doubled messages counted.
    "notices-crash" => await NoticesCrashScenario.RunAsync(args[1..]),
    // Issue 16: 100,000 recipients holding every ordinary worker; test sends and reminders (the fast lane) timed during the send.
    "notices-fastlane" => await NoticesFastLaneScenario.RunAsync(args[1..]),
    "notices-memory" => await NoticesMemoryScenario.RunAsync(args[1..]),
    "media" => await MediaScenario.RunAsync(args[1..]),
    // Issue 14: a 50 MB file up and down on the folder and the database file stores.
    "media-store" => await MediaStoreScenario.RunAsync(args[1..]),
    "downloads" => await DownloadsScenario.RunAsync(args[1..]),
    // Issue 4's 200 MB campaign pack (the "downloads" scenario's second half; see DownloadsPackScenario).
    "downloads-pack" => await DownloadsPackScenario.RunAsync(args[1..]),
    // Issue 6: 20,000 published items, index build rate and query latency.
    "search" => await SearchScenario.RunAsync(args[1..]),
    // Issue 15: /tim-kiem at 200 connections over 25 real queries of the sample site.
    "search-load" => await SearchLoadScenario.RunAsync(args[1..]),
    // Issue 14: two site processes behind HAProxy, node A killed under load (see ScaleOutScenario).
    "scaleout" => await ScaleOutScenario.RunAsync(args[1..]),
    // The SMTP sink the notices scenario starts as a child process.
    "smtp-sink" => await SmtpSink.RunChildAsync(),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("Usage: dotnet run -c Release --project bench/ChildProtection.Bench -- <pages|soak|admin-list|notices|notices-crash|notices-fastlane|notices-memory|media|media-store|downloads|downloads-pack|search|search-load|scaleout> [--seconds N] [--concurrency N]");
    return 2;
}
