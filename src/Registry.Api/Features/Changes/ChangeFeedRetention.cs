using Dapper;
using Microsoft.Extensions.Options;
using Registry.Api.Data;

namespace Registry.Api.Features.Changes;

/// <summary>Prunes events recorded before the retention window, hourly; the newest event is always kept so the feed's start stays known.</summary>
public sealed class ChangeFeedRetention(Database db, IOptions<ChangeFeedOptions> options, TimeProvider clock, ILogger<ChangeFeedRetention> logger) : BackgroundService
{
    internal static readonly Sql Prune = new("""
        DELETE FROM change_events
        WHERE recorded_at < @Cutoff AND position < (SELECT value FROM counters WHERE name = 'change_feed')
        """);

    public Task<int> PruneAsync(CancellationToken ct) =>
        db.WriteAsync((c, tx, _) => c.ExecuteAsync(db.Sql(Prune), new { Cutoff = clock.GetUtcNow().AddDays(-options.Value.RetentionDays) }, tx), ct).AsTask();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), clock);
        do
        {
            try
            {
                var pruned = await PruneAsync(stoppingToken);
                if (pruned > 0) logger.LogInformation("Pruned {Count} change-feed events older than {Days} days", pruned, options.Value.RetentionDays);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Pruning the change feed failed; the next try is in an hour");
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

public static class ChangeFeedSetup
{
    public static IServiceCollection AddChangeFeed(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ChangeFeedOptions>(configuration.GetSection(ChangeFeedOptions.Section));
        services.AddSingleton<ChangeFeedRetention>();
        services.AddHostedService(sp => sp.GetRequiredService<ChangeFeedRetention>());
        services.AddChangeFeedAccess();
        return services;
    }
}
