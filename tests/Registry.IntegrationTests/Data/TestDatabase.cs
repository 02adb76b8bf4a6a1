using Dapper;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Registry.Api.Data;

namespace Registry.IntegrationTests.Data;

/// <summary>A fresh, empty database of one provider for one test class.</summary>
public abstract class TestDatabase : IAsyncDisposable
{
    public abstract DatabaseOptions? Options { get; }

    public abstract string? SkipReason { get; }

    public Database Open()
    {
        DapperTypeHandlers.Register();
        return new Database(Options!, Path.GetTempPath());
    }

    public abstract ValueTask DisposeAsync();
}

public sealed class SqliteTestDatabase : TestDatabase
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"registry-data-{Guid.NewGuid():N}.db");

    public override DatabaseOptions Options => new() { Provider = DatabaseProvider.Sqlite, ConnectionString = $"Data Source={_path}" };

    public override string? SkipReason => null;

    public override ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(_path + suffix);
        return ValueTask.CompletedTask;
    }
}

/// <summary>Runs against the server named by REGISTRY_TEST_SQLSERVER, in a database created for the test and dropped after.</summary>
public sealed class SqlServerTestDatabase : TestDatabase
{
    public const string Variable = "REGISTRY_TEST_SQLSERVER";

    private readonly string? _server = Environment.GetEnvironmentVariable(Variable);
    private readonly string _name = $"registry_test_{Guid.NewGuid():N}";
    private bool _created;

    public override string? SkipReason => string.IsNullOrWhiteSpace(_server)
        ? $"{Variable} is not set: the SQL Server data-access tests need a connection string to a server where they may create a database."
        : null;

    public override DatabaseOptions? Options
    {
        get
        {
            if (SkipReason is not null) return null;
            if (!_created)
            {
                using var master = new SqlConnection(_server);
                master.Open();
                master.Execute($"CREATE DATABASE [{_name}]");
                _created = true;
            }
            var builder = new SqlConnectionStringBuilder(_server) { InitialCatalog = _name };
            return new DatabaseOptions { Provider = DatabaseProvider.SqlServer, ConnectionString = builder.ConnectionString };
        }
    }

    public override async ValueTask DisposeAsync()
    {
        if (!_created) return;
        SqlConnection.ClearAllPools();
        await using var master = new SqlConnection(_server);
        await master.OpenAsync();
        await master.ExecuteAsync($"ALTER DATABASE [{_name}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE [{_name}]");
    }
}
