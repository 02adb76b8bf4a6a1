using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Registry.Api.Data;
using Registry.Client;

namespace Registry.IntegrationTests;

/// <summary>
/// The API in process over its own SQLite file, with a small demo register and a clock the test moves:
/// the 60-day rule is tried by advancing time, never by waiting.
/// </summary>
public sealed class WorkflowApiFactory : WebApplicationFactory<Program>
{
    public string DatabasePath { get; } = Path.Combine(Path.GetTempPath(), $"registry-workflow-{Guid.NewGuid():N}.db");

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("Database:ConnectionString", $"Data Source={DatabasePath}");
        builder.UseSetting("DemoData:Enabled", "true");
        builder.UseSetting("DemoData:Count", "40");
        builder.UseSetting("Workflow:ReceiptClockInterval", "01:00:00");
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
    }

    /// <summary>Everything the API logged, as the configured log levels let through.</summary>
    public CapturedLogs Logs { get; } = new();

    public Database Database => Services.GetRequiredService<Database>();

    public RegistryApiClient Anonymous() => new(CreateClient());

    /// <summary>An SDK client holding a development token for the role (and province, for an agent).</summary>
    public async Task<RegistryApiClient> As(string role, string subject, string? province = null) =>
        new(await HttpAs(role, subject, province));

    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string, string, string?), (string Token, DateTimeOffset IssuedAt)> _tokens = new();

    /// <summary>A development token, reused while young on the registry's clock (few anonymous calls, whatever the rate limits).</summary>
    private async Task<string> TokenFor(string role, string subject, string? province)
    {
        var now = Clock.GetUtcNow();
        if (_tokens.TryGetValue((role, subject, province), out var cached) && now >= cached.IssuedAt && now - cached.IssuedAt < TimeSpan.FromHours(1))
            return cached.Token;
        var token = (await Anonymous().CreateDevTokenAsync(new DevTokenRequest { Role = role, Subject = subject, Province = province })).Token;
        _tokens[(role, subject, province)] = (token, now);
        return token;
    }

    private readonly Dictionary<string, string> _machineKeys = [];
    private readonly SemaphoreSlim _machineKeysLock = new(1, 1);

    /// <summary>An HTTP client authenticated by an API key allowed to submit declarations for the province (one key per province, made once).</summary>
    public async Task<HttpClient> MachineFor(string province)
    {
        await _machineKeysLock.WaitAsync();
        try
        {
            if (!_machineKeys.TryGetValue(province, out var key))
            {
                var admin = await As("admin", "admin-machines");
                var created = await admin.CreateApiKeyAsync(new NewApiKey { Name = $"Machine {province}", Scopes = [$"declarations:submit:{province}"] }, Guid.NewGuid().ToString());
                _machineKeys[province] = key = created.Key!;
            }
            var http = CreateClient();
            http.DefaultRequestHeaders.Add("X-Api-Key", key);
            return http;
        }
        finally
        {
            _machineKeysLock.Release();
        }
    }

    public async Task<HttpClient> HttpAs(string role, string subject, string? province = null)
    {
        var http = CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenFor(role, subject, province));
        return http;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            File.Delete(DatabasePath + suffix);
    }
}

public sealed class CapturedLogs : ILoggerProvider
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _lines = new();

    public IReadOnlyCollection<string> Lines => _lines;

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

    public void Dispose() { }

    private sealed class Logger(string category, System.Collections.Concurrent.ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
    }
}
