using Microsoft.Extensions.DependencyInjection;
using Registry.Client;
using Registry.Sync;

namespace Registry.Sync;

/// <summary><c>registry-sync [follow|verify] --api URL [--key KEY] --db mirror.db</c></summary>
internal static class SyncProgram
{
    public static async Task<int> Main(string[] args)
    {
        var command = args.Length > 0 && !args[0].StartsWith("--") ? args[0] : "follow";
        string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        var (url, key, db) = (Option("--api"), Option("--key") ?? Environment.GetEnvironmentVariable("REGISTRY_API_KEY"), Option("--db"));
        if (url is null || db is null || command is not ("follow" or "verify"))
        {
            Console.Error.WriteLine("usage: registry-sync [follow|verify] --api URL [--key KEY] --db mirror.db");
            return 2;
        }

        var services = new ServiceCollection();
        services.AddRegistryClient(o =>
        {
            o.BaseAddress = new Uri(url);
            o.ApiKey = key;
            o.AttemptTimeout = TimeSpan.FromSeconds(60);
            o.TotalTimeout = TimeSpan.FromMinutes(10);
        });
        using var provider = services.BuildServiceProvider();
        using var mirror = new Mirror(db);
        var engine = new SyncEngine(provider.GetRequiredService<IRegistryApiClient>(), mirror, Console.Out);
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
        using var terminate = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, signal =>
        {
            signal.Cancel = true;
            stop.Cancel();
        });

        try
        {
            if (mirror.Position is null) await engine.LoadLatestSnapshotAsync(stop.Token);
            if (command == "verify")
            {
                var result = await engine.VerifyAsync(stop.Token);
                Console.WriteLine();
                foreach (var (region, apiCount, mirrorCount, same) in result.Regions)
                    Console.WriteLine($"region {region}: api {apiCount,8:N0}  mirror {mirrorCount,8:N0}  {(same ? "same" : "DIFFERENT")}");
                Console.WriteLine(result.Identical ? $"identical at position {result.Position}" : $"the mirror differs at position {result.Position}");
                return result.Identical ? 0 : 1;
            }
            await engine.FollowAsync(stop.Token);
            return 0;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            Console.WriteLine();
            Console.WriteLine($"stopped at position {mirror.Position}");
            return 0;
        }
        catch (RegistryProblemException problem) when (problem.StatusCode == 410)
        {
            Console.Error.WriteLine($"{problem.Detail} Delete {db} and start again to reload the latest snapshot.");
            return 3;
        }
    }
}
