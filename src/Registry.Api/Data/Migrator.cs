using Dapper;

namespace Registry.Api.Data;

/// <summary>
/// Applies <c>db/{provider}/NNNN_name.sql</c> in order, each in its own transaction together with its
/// journal row, so a script is applied whole or not at all and never twice, even with two processes starting at once.
/// </summary>
public sealed class Migrator(Database db, ILogger<Migrator> logger)
{
    private static readonly Sql IsApplied = new("SELECT COUNT(*) FROM schema_migrations WHERE id = @Id");
    private static readonly Sql RecordApplied = new("INSERT INTO schema_migrations (id, applied_at) VALUES (@Id, @AppliedAt)");

    public string ScriptsFolder => Path.Combine(
        Path.GetFullPath(db.Options.MigrationsPath, AppContext.BaseDirectory),
        db.Options.Provider == DatabaseProvider.Sqlite ? "sqlite" : "sqlserver");

    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken ct = default)
    {
        if (db.Options.Provider == DatabaseProvider.Sqlite)
        {
            await using var connection = await db.OpenAsync(ct);
            // Persistent in the database file: readers and the writer no longer block each other.
            await connection.ExecuteAsync("PRAGMA journal_mode = WAL");
        }
        await db.WriteAsync((c, tx, _) => c.ExecuteAsync(db.Dialect.CreateMigrationJournal, transaction: tx), ct);

        var applied = new List<string>();
        foreach (var path in Directory.GetFiles(ScriptsFolder, "*.sql").Order(StringComparer.Ordinal))
        {
            var id = Path.GetFileNameWithoutExtension(path);
            var script = await File.ReadAllTextAsync(path, ct);
            var ran = await db.WriteAsync(async (c, tx, _) =>
            {
                await c.ExecuteAsync(db.Dialect.LockMigrations, transaction: tx);
                if (await c.ExecuteScalarAsync<int>(db.Sql(IsApplied), new { Id = id }, tx) > 0) return false;
                foreach (var batch in db.Dialect.SplitBatches(script))
                    await c.ExecuteAsync(batch, transaction: tx, commandTimeout: 600);
                await c.ExecuteAsync(db.Sql(RecordApplied), new { Id = id, AppliedAt = DateTimeOffset.UtcNow }, tx);
                return true;
            }, ct);
            if (!ran) continue;
            applied.Add(id);
            logger.LogInformation("Applied migration {Migration}", id);
        }
        return applied;
    }
}
