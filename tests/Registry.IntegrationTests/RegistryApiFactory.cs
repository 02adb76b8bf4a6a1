using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Registry.Client;

namespace Registry.IntegrationTests;

/// <summary>The real API in process, on a real SQLite file of its own, seeded with the demo data as in Development.</summary>
public sealed class RegistryApiFactory : WebApplicationFactory<Program>
{
    public string DatabasePath { get; } = Path.Combine(Path.GetTempPath(), $"registry-test-{Guid.NewGuid():N}.db");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("Database:ConnectionString", $"Data Source={DatabasePath}");
        builder.UseSetting("DemoData:Enabled", "true");
        builder.UseSetting("OpenData:Folder", OpenDataFolder);
        // The suite makes many requests from one client; RateLimitingTests checks the limiter with a low limit.
        builder.UseSetting("RateLimiting:PermitLimit", "1000000");
    }

    public RegistryApiClient Sdk() => new(CreateClient());

    /// <summary>An HTTP client holding a development token for the role (and province, for an agent).</summary>
    public async Task<HttpClient> HttpAsAsync(string role, string subject, string? province = null)
    {
        var token = (await Sdk().CreateDevTokenAsync(new DevTokenRequest { Role = role, Subject = subject, Province = province })).Token;
        var http = CreateClient();
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    private string? _feedKey;

    /// <summary>An API key with the <c>changes:read</c> scope, made once by an admin (development token).</summary>
    public async Task<string> ChangeFeedKeyAsync()
    {
        if (_feedKey is not null) return _feedKey;
        var admin = await HttpAsAsync("admin", "feed-admin");
        var created = await new RegistryApiClient(admin).CreateApiKeyAsync(new NewApiKey { Name = "Change feed reader", Scopes = ["changes:read"] }, Guid.NewGuid().ToString());
        return _feedKey = created.Key!;
    }

    /// <summary>An HTTP client sending the change-feed key.</summary>
    public async Task<HttpClient> FeedHttpAsync()
    {
        var http = CreateClient();
        http.DefaultRequestHeaders.Add("X-Api-Key", await ChangeFeedKeyAsync());
        return http;
    }

    public async Task<RegistryApiClient> FeedSdkAsync() => new(await FeedHttpAsync());

    public string OpenDataFolder { get; } = Path.Combine(Path.GetTempPath(), $"registry-open-data-{Guid.NewGuid():N}");

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            File.Delete(DatabasePath + suffix);
        if (Directory.Exists(OpenDataFolder)) Directory.Delete(OpenDataFolder, recursive: true);
    }
}

public static class KestrelSocket
{
    /// <summary>Starts the in-process API on a real loopback socket (for a browser, or limits only Kestrel enforces) and returns its address.</summary>
    public static string StartOnSocket(this WebApplicationFactory<Program> api)
    {
        api.UseKestrel(0);
        api.StartServer();
        var address = api.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.First();
        return address.Replace("[::]", "127.0.0.1").Replace("0.0.0.0", "127.0.0.1").TrimEnd('/');
    }
}

[CollectionDefinition(nameof(ApiCollection))]
public sealed class ApiCollection : ICollectionFixture<RegistryApiFactory>;
