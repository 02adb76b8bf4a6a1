using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Registry.Api.Data;

namespace Registry.IntegrationTests.Data;

public sealed class SqliteDataAccessTests : DataAccessTests<SqliteTestDatabase>
{
    [Fact]
    public async Task Runs_in_wal_mode_with_full_synchronous_writes()
    {
        await using var connection = await Db.OpenAsync(default);

        (await connection.ExecuteScalarAsync<string>("PRAGMA journal_mode")).Should().Be("wal");
        (await connection.ExecuteScalarAsync<long>("PRAGMA synchronous")).Should().Be(2, "2 is FULL");
        (await connection.ExecuteScalarAsync<long>("PRAGMA foreign_keys")).Should().Be(1);
    }

    [Fact]
    public async Task Write_transactions_take_the_write_lock_at_once()
    {
        await using var first = await Db.OpenAsync(default);
        await using var holding = ((SqliteConnection)first).BeginTransaction(deferred: false);

        await using var second = (SqliteConnection)await Db.OpenAsync(default);
        second.DefaultTimeout = 1;
        var begin = () => second.BeginTransaction(deferred: false);

        begin.Should().Throw<SqliteException>().Which.SqliteErrorCode.Should().Be(5, "BEGIN IMMEDIATE waits for, then fails on, the lock another writer holds");
    }

    [Fact]
    public async Task Two_processes_migrating_at_once_apply_each_script_once()
    {
        await using var fresh = new SqliteTestDatabase();
        var db = fresh.Open();

        var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => new Migrator(db, NullLogger<Migrator>.Instance).MigrateAsync())));

        runs.SelectMany(r => r).Should().OnlyHaveUniqueItems().And.HaveCount(Directory.GetFiles(Migrator().ScriptsFolder, "*.sql").Length);
    }

    [Fact]
    public async Task Bulk_reads_give_each_value_as_sqlite_holds_it_and_bind_parameters_as_dapper_does()
    {
        await using var connection = (SqliteConnection)await Db.OpenAsync(default);
        var parameters = new DynamicParameters();
        parameters.Add("Text", "جمعية l'Avenir");
        parameters.Add("Day", new DateOnly(2024, 2, 29));
        parameters.Add("At", new DateTimeOffset(2026, 12, 3, 10, 0, 0, TimeSpan.FromHours(1)));
        parameters.Add("Number", 42);
        parameters.Add("Flag", true);
        parameters.Add("Nothing", null);
        parameters.Add("Unused", "not in the statement");
        const string sql = "SELECT @Text, @Day, @At, @Number, @Flag, @Nothing, '', 1.5";
        var dapper = await connection.QuerySingleAsync(sql, parameters);

        using var rows = SqliteTextRows.Open(connection, sql, parameters);

        rows.Read().Should().BeTrue();
        Enumerable.Range(0, 8).Select(rows.Text).Should().Equal("جمعية l'Avenir", "2024-02-29", "2026-12-03T09:00:00.0000000Z", "42", "1", null, "", "1.5");
        ((IDictionary<string, object?>)dapper).Values.Take(3).Should().Equal("جمعية l'Avenir", "2024-02-29", "2026-12-03T09:00:00.0000000Z");
        rows.Read().Should().BeFalse();
    }

    [Fact]
    public async Task Bulk_reads_report_sqlite_errors_as_sqlite_exceptions()
    {
        await using var connection = (SqliteConnection)await Db.OpenAsync(default);

        var open = () => SqliteTextRows.Open(connection, "SELECT name FROM nowhere", null);

        open.Should().Throw<SqliteException>().WithMessage("*no such table: nowhere*");
    }

    [Theory]
    [MemberData(nameof(Registry.UnitTests.Data.SqlStatements.Names), MemberType = typeof(Registry.UnitTests.Data.SqlStatements))]
    public async Task Every_statement_prepares_on_sqlite(string name)
    {
        var sql = Registry.UnitTests.Data.SqlStatements.Named(name);
        await using var connection = await Db.OpenAsync(default);
        await using var command = connection.CreateCommand();
        command.CommandText = sql.For(SqlDialect.Sqlite);

        var prepare = () => command.Prepare();

        prepare.Should().NotThrow("the statement must compile against the migrated schema");
    }

    [Theory]
    [MemberData(nameof(Registry.UnitTests.Data.DirectorySqlShapes.Names), MemberType = typeof(Registry.UnitTests.Data.DirectorySqlShapes))]
    public async Task Every_directory_search_shape_prepares_on_sqlite(string name)
    {
        await using var connection = await Db.OpenAsync(default);
        await using var command = connection.CreateCommand();
        command.CommandText = Registry.UnitTests.Data.DirectorySqlShapes.Named(name).For(SqlDialect.Sqlite);

        var prepare = () => command.Prepare();

        prepare.Should().NotThrow("the statement must compile against the migrated schema");
    }
}

public sealed class SqlServerDataAccessTests : DataAccessTests<SqlServerTestDatabase>;
