using System.Data.Common;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Polly;
using Polly.Retry;

namespace Registry.Api.Data;

/// <summary>
/// Opens connections for the configured provider and runs units of work. A write is one transaction
/// (BEGIN IMMEDIATE on SQLite, so it never fails half-way on a lock upgrade); a unit of work that hits a
/// transient error is retried whole, never statement by statement.
/// </summary>
public sealed class Database
{
    private readonly string _connectionString;
    private readonly ResiliencePipeline _retry;

    public Database(DatabaseOptions options, string contentRoot)
    {
        Options = options;
        Dialect = SqlDialect.For(options.Provider);
        _connectionString = options.Provider == DatabaseProvider.Sqlite
            ? SqliteConnectionString(options.ConnectionString, contentRoot)
            : options.ConnectionString;
        _retry = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<DbException>(IsTransient),
                MaxRetryAttempts = 4,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(100),
            })
            .Build();
    }

    public DatabaseOptions Options { get; }

    public SqlDialect Dialect { get; }

    public string Sql(Sql sql) => sql.For(Dialect);

    /// <summary>
    /// An open connection. On SQLite, one that may write gets synchronous = FULL and foreign keys on (every time: a pooled
    /// connection may have been opened for reading before); a read-only one skips them, which is a tenth of a look-up's cost.
    /// </summary>
    public async Task<DbConnection> OpenAsync(CancellationToken ct, bool writes = true)
    {
        DbConnection connection = Options.Provider == DatabaseProvider.Sqlite
            ? new SqliteConnection(_connectionString)
            : new SqlConnection(_connectionString);
        try
        {
            await connection.OpenAsync(ct);
            if (writes && connection is SqliteConnection)
            {
                await using var pragma = connection.CreateCommand();
                pragma.CommandText = "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;";
                await pragma.ExecuteNonQueryAsync(ct);
            }
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public ValueTask<T> ReadAsync<T>(Func<DbConnection, CancellationToken, Task<T>> work, CancellationToken ct) =>
        _retry.ExecuteAsync(async token =>
        {
            await using var connection = await OpenAsync(token, writes: false);
            return await work(connection, token);
        }, ct);

    public ValueTask<T> WriteAsync<T>(Func<DbConnection, DbTransaction, CancellationToken, Task<T>> work, CancellationToken ct) =>
        _retry.ExecuteAsync(async token =>
        {
            await using var connection = await OpenAsync(token);
            await using var transaction = connection is SqliteConnection sqlite
                ? sqlite.BeginTransaction(deferred: false)
                : await connection.BeginTransactionAsync(token);
            var result = await work(connection, transaction, token);
            await transaction.CommitAsync(token);
            return result;
        }, ct);

    /// <summary>
    /// A read-only transaction that sees the database as of one instant without blocking writers: deferred on SQLite
    /// (WAL gives it a snapshot at its first read), SNAPSHOT isolation on SQL Server (needs ALLOW_SNAPSHOT_ISOLATION ON).
    /// </summary>
    public static async Task<DbTransaction> BeginSnapshotReadAsync(DbConnection connection, CancellationToken ct) =>
        connection is SqliteConnection sqlite
            ? sqlite.BeginTransaction(deferred: true)
            : await connection.BeginTransactionAsync(System.Data.IsolationLevel.Snapshot, ct);

    public static bool IsTransient(DbException exception) => exception switch
    {
        SqlException sql => sql.Errors.Cast<SqlError>().Any(e => TransientSqlServerErrors.Contains(e.Number)),
        SqliteException sqlite => sqlite.SqliteErrorCode is 5 or 6, // SQLITE_BUSY, SQLITE_LOCKED
        _ => false,
    };

    private static readonly HashSet<int> TransientSqlServerErrors = [.. SqlConfigurableRetryFactory.BaselineTransientErrors];

    private static string SqliteConnectionString(string configured, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(configured) { Pooling = true };
        if (builder.DataSource is not (":memory:" or "") && builder.Mode != SqliteOpenMode.Memory)
        {
            builder.DataSource = Path.GetFullPath(builder.DataSource, contentRoot);
            Directory.CreateDirectory(Path.GetDirectoryName(builder.DataSource)!);
        }
        return builder.ToString();
    }
}
