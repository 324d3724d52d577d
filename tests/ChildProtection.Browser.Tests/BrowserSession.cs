using ChildProtection.Testing;
using Microsoft.Playwright;

namespace ChildProtection.Browser.Tests;

/// <summary>Debian's Chromium through Playwright, with the flags this closed network needs.</summary>
public sealed class BrowserSession : IAsyncDisposable
{
    private readonly IPlaywright playwright;
    public IBrowser Browser { get; }

    private BrowserSession(IPlaywright playwright, IBrowser browser)
    {
        this.playwright = playwright;
        Browser = browser;
    }

    public static async Task<BrowserSession> StartAsync()
    {
        var executable = TestServices.Require(TestServices.ChromiumVariable, "Chromium");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
        });
        return new BrowserSession(playwright, browser);
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        playwright.Dispose();
    }
}
