using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using ChildProtection.Testing;
using Xunit;

namespace ChildProtection.Web.Tests;

/// <summary>
/// The site's build output run as a tester or IIS "run from folder" runs it: the real process, in
/// Production, from its bin folder. The modules' files under <c>/_content/</c> must be served there too.
/// </summary>
public sealed partial class BuildOutputAssetsTests
{
    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial Regex Listening();

    /// <summary>src/ChildProtection.Web/bin/&lt;Configuration&gt;/&lt;tfm&gt;/, built alongside this test project.</summary>
    private static string SiteBuildOutput()
    {
        var testBin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var (tfm, configuration) = (testBin.Name, testBin.Parent!.Name);
        var root = testBin;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "ChildProtection.sln"))) root = root.Parent;
        Assert.NotNull(root);
        return Path.Combine(root!.FullName, "src", "ChildProtection.Web", "bin", configuration, tfm);
    }

    [Fact]
    public async Task The_build_output_in_production_serves_the_modules_static_files()
    {
        var bin = SiteBuildOutput();
        Assert.True(File.Exists(Path.Combine(bin, "ChildProtection.Web.dll")), $"no build output in {bin}");
        using var data = new TempFolder("cp-build-output");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = bin,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { Path.Combine(bin, "ChildProtection.Web.dll"), "--urls", "http://127.0.0.1:0" }) start.ArgumentList.Add(arg);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["App__DataPath"] = data.Path;
        start.Environment["Jobs__RunServer"] = "false";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";

        using var process = Process.Start(start)!;
        var address = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            output.Enqueue(e.Data);
            if (Listening().Match(e.Data) is { Success: true } m) address.TrySetResult(m.Groups[1].Value);
        };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        process.Exited += (_, _) => address.TrySetException(new InvalidOperationException("the site exited:\n" + string.Join('\n', output)));
        process.EnableRaisingEvents = true;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            // A bound for a hung start, not a speed check.
            var baseAddress = await address.Task.WaitAsync(TimeSpan.FromMinutes(2));
            // Not following redirects: the site not yet set up sends a missing file on to /setup, a 200 page.
            using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(baseAddress) };
            foreach (var file in new[] { "/_content/ChildProtection.Admin/css/admin.css", "/_content/ChildProtection.Users/css/account.css" })
            {
                var response = await http.GetAsync(file);
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{file} answered {(int)response.StatusCode}");
                Assert.Equal("text/css", response.Content.Headers.ContentType?.MediaType);
            }
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }
}
