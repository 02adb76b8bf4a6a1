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

[CollectionDefinition(nameof(ApiCollection))]
public sealed class ApiCollection : ICollectionFixture<RegistryApiFactory>;
