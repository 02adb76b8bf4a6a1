using Dapper;
using Microsoft.Extensions.Options;
using Registry.Api.Data;
using Registry.Api.Domain;
using Registry.Api.Web;

namespace Registry.Api.Features.Declarations;

public sealed class ReceiptClockOptions
{
    public const string Section = "Workflow";

    /// <summary>How often the registry looks for deposits whose 60 days have run out.</summary>
    public TimeSpan ReceiptClockInterval { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>
/// The 60-day rule, run on the registry's <see cref="TimeProvider"/>: a complete deposit with no definitive receipt after
/// 60 days becomes deemed operating. Each declaration changes in its own transaction, conditional on the version read, so
/// two API processes running this job at once never apply it twice.
/// </summary>
public sealed class ReceiptClock(Database db, Idempotency idempotency, TimeProvider clock, IOptions<ReceiptClockOptions> options, ILogger<ReceiptClock> logger)
    : BackgroundService
{
    internal static readonly Sql Lapsed = new("""
        SELECT id FROM declarations WHERE status = 'deposited' AND deposited_at <= @Cutoff ORDER BY id {limit @Limit}
        """);

    /// <summary>One pass: returns how many declarations became deemed operating.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var ids = await db.ReadAsync(async (c, _) =>
            (await c.QueryAsync<long>(db.Sql(Lapsed), new { Cutoff = ReceiptDeadline.LapsedIfDepositedBy(now), Limit = 500 })).AsList(), ct);
        var deemed = 0;
        foreach (var id in ids)
        {
            bool changed;
            try
            {
                changed = await db.WriteAsync(async (c, tx, _) =>
                {
                    var row = await DeclarationStore.FindAsync(c, tx, db.Dialect, id);
                    if (row?.DepositedAt is not { } at || !ReceiptDeadline.HasLapsed(at, now)
                        || DeclarationWorkflow.Check(DeclarationAction.DeemOperating, row.Status, WorkflowActor.Clock) != WorkflowVerdict.Allowed)
                        return false;
                    await DeclarationTransitions.DeemOperatingAsync(c, tx, db.Dialect, row, now);
                    return true;
                }, ct);
            }
            catch (ApiProblem)
            {
                changed = false; // another process, or an agent's decision, changed it first: rolled back, nothing to do
            }
            if (changed) deemed++;
        }
        if (deemed > 0) logger.LogInformation("{Count} declarations deemed operating after 60 days", deemed);
        return deemed;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ReceiptClockInterval, clock);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
                await idempotency.PurgeExpiredAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "The receipt clock failed; it will try again");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
