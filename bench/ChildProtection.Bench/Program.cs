using ChildProtection.Bench;

var scenario = args.FirstOrDefault() ?? "";
return scenario switch
{
    "pages" => await PagesScenario.RunAsync(args[1..]),
    "admin-list" => await AdminListScenario.RunAsync(args[1..]),
    "notices" => await NoticesScenario.RunAsync(args[1..]),
    "media" => await MediaScenario.RunAsync(args[1..]),
    "downloads" => await DownloadsScenario.RunAsync(args[1..]),
    // The SMTP sink the notices scenario starts as a child process.
    "smtp-sink" => await SmtpSink.RunChildAsync(),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("Usage: dotnet run -c Release --project bench/ChildProtection.Bench -- <pages|admin-list|notices|media|downloads> [--seconds N] [--concurrency N]");
    return 2;
}
