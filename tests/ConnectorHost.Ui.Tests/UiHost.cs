using System.Net.Http.Json;
using ConnectorHost.Host.Tests;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;

namespace ConnectorHost.Ui.Tests;

/// <summary>
/// One real host (Kestrel, SQLite file with migrations, the test plugins' folders: <c>sample</c> loads, two fault on
/// purpose) and one headless Chromium, shared by every browser test; each test gets its own browser context (cookies).
/// The clock is fake so a test can let a session run out.
/// </summary>
public class UiHost : IAsyncLifetime
{
    public const string Password = "correct horse battery staple";

    /// <summary>Accounts every test can sign in with (created through the API as the bootstrap administrator).</summary>
    public const string Administrator = "admin";
    public const string Operator = "operator";
    public const string ReadOnly = "reader";

    private IPlaywright? _playwright;

    /// <summary>The plugins the host loads; null: the test plugins' own file.</summary>
    protected virtual System.Text.Json.Nodes.JsonNode? Plugins => null;

    /// <summary>Host settings (ConnectorHost:*) beyond the defaults.</summary>
    protected virtual IReadOnlyDictionary<string, string?>? Configuration => null;

    public TestHost Host { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

    public string BaseUrl => Host.Client.BaseAddress!.ToString().TrimEnd('/');

    /// <summary>Where screenshots go: artifacts/screenshots/ at the repository root.</summary>
    public static string ScreenshotFolder => Path.Combine(RepoPaths.Root, "artifacts", "screenshots");

    public async Task InitializeAsync()
    {
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        Host = await TestHost.StartAsync(Plugins, environment: new Dictionary<string, string>
        {
            ["CONNECTORHOST_ADMIN_PASSWORD"] = Password,
        }, configuration: Configuration, time: Time, runSyncWorker: false);
        foreach (var (name, role) in new[] { (Operator, "operator"), (ReadOnly, "readOnly") })
        {
            var created = await Host.Client.PostAsJsonAsync("/api/admin/accounts", new { username = name, password = Password, role });
            created.EnsureSuccessStatusCode();
        }
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CONNECTORHOST_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking"],
        });
    }

    /// <summary>A fresh browser context (no cookies) with a page of the given width.</summary>
    public async Task<IPage> NewPageAsync(int width = 1280, string locale = "en-US")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = 900 },
            Locale = locale,
        });
        // Generous caps, not timings: CI runs these on two cores beside the host tests, and a CI run once took 30 s to
        // answer one sign-in post while the SIGKILL tests restarted hosts.
        context.SetDefaultTimeout(90_000);
        context.SetDefaultNavigationTimeout(90_000);
        return await context.NewPageAsync();
    }

    /// <summary>A page signed in as <paramref name="username"/> through the sign-in form.</summary>
    public async Task<IPage> SignedInAsync(string username = Administrator, int width = 1280, string locale = "en-US")
    {
        var page = await NewPageAsync(width, locale);
        await page.GotoAsync("/signin");
        await page.FillAsync("#username", username);
        await page.FillAsync("#password", Password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/signin", StringComparison.Ordinal));
        return page;
    }

    public async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, name + ".png"), FullPage = true });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }
        _playwright?.Dispose();
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }
    }
}
