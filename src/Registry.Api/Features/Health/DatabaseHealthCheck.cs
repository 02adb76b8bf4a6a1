using Dapper;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Registry.Api.Data;

namespace Registry.Api.Features.Health;

public sealed class DatabaseHealthCheck(Database db) : IHealthCheck
{
    private static readonly Sql Probe = new("SELECT COUNT(*) FROM schema_migrations");

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            await using var connection = await db.OpenAsync(ct, writes: false);
            var migrations = await connection.ExecuteScalarAsync<long>(db.Sql(Probe));
            return migrations > 0 ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("The database has not been migrated yet.");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The exception stays in the logs: the health answer is public.
            return HealthCheckResult.Unhealthy("The database cannot be reached.", e);
        }
    }
}
