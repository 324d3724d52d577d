using ChildProtection.Web.Hosting;

return await SiteHost.RunAsync(args);

/// <summary>Exposed so tests can start the real site with WebApplicationFactory.</summary>
public partial class Program;
