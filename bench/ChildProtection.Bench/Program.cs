using ChildProtection.Bench;

var scenario = args.FirstOrDefault() ?? "";
return scenario switch
{
    "pages" => await PagesScenario.RunAsync(args[1..]),
    "admin-list" => await AdminListScenario.RunAsync(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("Usage: dotnet run -c Release --project bench/ChildProtection.Bench -- <pages|admin-list> [--seconds N] [--concurrency N]");
    return 2;
}
