using System.Net;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using Registry.Client;

namespace Registry.IntegrationTests.Features.OpenData;

/// <summary>The open-data page in a real headless Chromium against the API on a real socket.</summary>
public sealed class OpenDataPageBrowserTests : IDisposable
{
    private const string Chromium = "/usr/bin/chromium";
    private const string ChromeDriver = "/usr/bin/chromedriver";

    private readonly RegistryApiFactory _api = new();
    private ChromeDriver? _browser;

    [SkippableFact]
    public async Task The_page_loads_its_links_resolve_and_its_figures_match_the_catalogue()
    {
        Skip.IfNot(File.Exists(Chromium) && File.Exists(ChromeDriver),
            "Chromium is not installed (.ci/run installs Debian's chromium and chromium-driver).");
        var baseUrl = _api.StartOnSocket();
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
        var latest = (await SnapshotFiles.LatestAsync(new RegistryApiClient(http))).Latest!;
        _browser = StartBrowser();

        _browser.Navigate().GoToUrl(baseUrl + "/open-data");

        _browser.Title.Should().Contain("Données ouvertes");
        _browser.FindElement(By.Id("row-count")).GetAttribute("data-value").Should().Be(latest.RowCount.ToString());
        _browser.FindElement(By.Id("taken-at")).GetAttribute("datetime").Should().Be(latest.TakenAt!.Value.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ"));
        var rows = _browser.FindElements(By.CssSelector("tr[data-file]"));
        rows.Select(r => r.GetAttribute("data-file")).Should().BeEquivalentTo(latest.Files.Select(f => f.FileName));
        foreach (var row in rows)
        {
            var file = latest.Files.Single(f => f.FileName == row.GetAttribute("data-file"));
            row.FindElement(By.CssSelector("td.size")).GetAttribute("data-bytes").Should().Be(file.SizeBytes.ToString());
            row.FindElement(By.CssSelector("code.sha")).Text.Should().Be(file.Sha256);
        }
        _browser.FindElement(By.CssSelector("h1 span[lang=ar]")).Text.Should().Be("السجل الوطني للجمعيات");

        var links = _browser.FindElements(By.CssSelector("a[href]")).Select(a => a.GetAttribute("href")!).Distinct().ToList();
        links.Should().Contain(l => l.EndsWith("/docs")).And.Contain(l => l.EndsWith("/v1/open-data/dictionary"));
        foreach (var link in links.Where(l => l.StartsWith(baseUrl)))
            (await http.GetAsync(link)).StatusCode.Should().Be(HttpStatusCode.OK, link);

        var stylesheetApplied = _browser.ExecuteScript("return getComputedStyle(document.querySelector('header')).borderBottomStyle");
        stylesheetApplied.Should().Be("solid", "the stylesheet loads under the page's content security policy");
    }

    [SkippableFact]
    public async Task The_page_reads_on_a_phone_without_sideways_scrolling()
    {
        Skip.IfNot(File.Exists(Chromium) && File.Exists(ChromeDriver), "Chromium is not installed.");
        var baseUrl = _api.StartOnSocket();
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
        await SnapshotFiles.LatestAsync(new RegistryApiClient(http));
        _browser = StartBrowser(width: 390, height: 844);

        _browser.Navigate().GoToUrl(baseUrl + "/open-data");

        var overflow = (long)_browser.ExecuteScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth")!;
        overflow.Should().BeLessThanOrEqualTo(0);
        var screenshot = Path.Combine(Path.GetTempPath(), "registry-open-data-phone.png");
        _browser.GetScreenshot().SaveAsFile(screenshot);
        new FileInfo(screenshot).Length.Should().BeGreaterThan(0);
    }

    private static ChromeDriver StartBrowser(int width = 1280, int height = 900)
    {
        var options = new ChromeOptions { BinaryLocation = Chromium };
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", $"--window-size={width},{height}",
            $"--user-data-dir={Path.Combine(Path.GetTempPath(), "registry-chromium-" + Guid.NewGuid().ToString("N"))}");
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(ChromeDriver)!, Path.GetFileName(ChromeDriver));
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        return new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
    }

    public void Dispose()
    {
        _browser?.Quit();
        _api.Dispose();
    }
}
