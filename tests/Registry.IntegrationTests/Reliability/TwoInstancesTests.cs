using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Cryptography;
using Dapper;
using Microsoft.Data.Sqlite;
using Registry.Client;
using Registry.IntegrationTests.Features.Declarations;

namespace Registry.IntegrationTests.Reliability;

/// <summary>
/// Two API processes on one SQLite database, called in turn (round robin): what must be shared lives in the database,
/// so receipts stay unique, the change feed stays whole and an idempotency key holds across instances.
/// </summary>
public sealed class TwoInstancesTests : IAsyncLifetime
{
    private readonly string _database = Path.Combine(Path.GetTempPath(), $"registry-two-{Guid.NewGuid():N}.db");
    private readonly string _signingKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private readonly List<Process> _instances = [];
    private readonly List<Uri> _addresses = [];

    public async Task InitializeAsync()
    {
        // The first instance migrates and seeds; the second starts on the migrated database.
        await StartAsync();
        await StartAsync();
    }

    [Fact]
    public async Task Concurrent_deposits_and_decisions_across_two_instances_keep_receipts_unique_and_the_feed_whole()
    {
        var representatives = await Task.WhenAll(_addresses.Select(a => ClientAsync(a, "representative", "rep-two", null)));
        var agents = await Task.WhenAll(_addresses.Select(a => ClientAsync(a, "agent", "agent-two", Declarations.Casablanca)));
        var drafts = new List<Declaration>();
        for (var i = 0; i < 20; i++)
            drafts.Add(await representatives[i % 2].CreateDeclarationAsync(Declarations.Founding(name: $"Association Deux Instances {i}"), Declarations.NewKey()));

        // Each deposit is sent to one instance and retried, with the same key, on the other.
        var keys = drafts.Select(_ => Declarations.NewKey()).ToList();
        var deposits = await Task.WhenAll(drafts.Select((d, i) => representatives[i % 2].DepositDeclarationAsync(d.Id, Declarations.Attest, d.Etag, keys[i])));
        var retried = await Task.WhenAll(drafts.Select((d, i) => representatives[(i + 1) % 2].DepositDeclarationAsync(d.Id, Declarations.Attest, d.Etag, keys[i])));
        // Both agents race to decide each declaration, one through each instance: exactly one wins.
        var decisions = await Task.WhenAll(deposits.SelectMany(d => agents.Select(async agent =>
        {
            try
            {
                await agent.DecideDeclarationAsync(d.Id, new DecisionInput { Decision = "issue_receipt" }, d.Etag, Declarations.NewKey());
                return 200;
            }
            catch (RegistryApiException e)
            {
                return e.StatusCode;
            }
        })));

        retried.Select(r => r.ProvisionalReceiptNumber).Should().Equal(deposits.Select(d => d.ProvisionalReceiptNumber), "a retried deposit is the same deposit");
        deposits.Select(d => d.ProvisionalReceiptNumber).Should().OnlyHaveUniqueItems();
        deposits.Select(d => d.RegistryNumber).Should().OnlyHaveUniqueItems();
        decisions.Count(s => s == 200).Should().Be(20);
        decisions.Where(s => s != 200).Should().OnlyContain(s => s == 412 || s == 409);

        await using var db = new SqliteConnection($"Data Source={_database};Pooling=False");
        var receipts = (await db.QueryAsync<string>("SELECT definitive_receipt_number FROM associations WHERE definitive_receipt_number LIKE 'RD-06.141-2026-%'")).ToList();
        receipts.Should().HaveCount(20).And.OnlyHaveUniqueItems();
        var positions = (await db.QueryAsync<long>("SELECT position FROM change_events ORDER BY position")).ToList();
        positions.Should().Equal(Enumerable.Range(1, positions.Count).Select(i => (long)i), "no gap and no duplicate in the feed");
        var founded = await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM associations WHERE name_fr LIKE 'Association Deux Instances %'");
        founded.Should().Be(20, "each deposit founded its association once");
        (await db.ExecuteScalarAsync<string>("PRAGMA integrity_check")).Should().Be("ok");
    }

    private async Task<RegistryApiClient> ClientAsync(Uri address, string role, string subject, string? province)
    {
        var http = new HttpClient { BaseAddress = address };
        var token = (await new RegistryApiClient(http).CreateDevTokenAsync(new DevTokenRequest { Role = role, Subject = subject, Province = province })).Token;
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return new RegistryApiClient(http);
    }

    private async Task StartAsync()
    {
        var port = FreePort();
        var api = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "src", "Registry.Api", "bin",
            new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name, "net10.0", "Registry.Api.dll"));
        var start = new ProcessStartInfo("dotnet", [api, "--urls", $"http://127.0.0.1:{port}"])
        {
            WorkingDirectory = Path.GetDirectoryName(api)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Database__ConnectionString"] = $"Data Source={_database}";
        start.Environment["DemoData__Count"] = "40";
        start.Environment["OpenData__Enabled"] = "false";
        start.Environment["Auth__DevSigningKey"] = _signingKey;
        start.Environment["RateLimiting__PermitLimit"] = "1000000";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _instances.Add(process);
        var address = new Uri($"http://127.0.0.1:{port}");
        using var probe = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(2) };
        for (var i = 0; i < 120; i++)
        {
            try
            {
                if ((await probe.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK)
                {
                    _addresses.Add(address);
                    return;
                }
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(250);
        }
        throw new TimeoutException($"The API instance on port {port} did not become ready.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public Task DisposeAsync()
    {
        foreach (var process in _instances)
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
            process.Dispose();
        }
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(_database + suffix);
        return Task.CompletedTask;
    }
}
