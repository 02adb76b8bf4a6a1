using Microsoft.SqlServer.TransactSql.ScriptDom;
using Registry.Api.Data;

namespace Registry.UnitTests.Data;

/// <summary>No SQL Server runs here, so every T-SQL script and statement is at least parsed by SQL Server's own parser.</summary>
public sealed class SqlServerSyntaxTests
{
    private static readonly string ScriptsFolder = Path.Combine(AppContext.BaseDirectory, "db", "sqlserver");

    public static TheoryData<string> Scripts()
    {
        var data = new TheoryData<string>();
        foreach (var path in Directory.GetFiles(ScriptsFolder, "*.sql").Order()) data.Add(Path.GetFileName(path));
        return data;
    }

    [Theory]
    [MemberData(nameof(Scripts))]
    public void Migration_script_parses_as_t_sql(string script)
    {
        var text = File.ReadAllText(Path.Combine(ScriptsFolder, script));
        foreach (var batch in SqlDialect.SqlServer.SplitBatches(text))
            ParseErrors(batch).Should().BeEmpty();
    }

    [Theory]
    [MemberData(nameof(SqlStatements.Names), MemberType = typeof(SqlStatements))]
    public void Statement_rendered_for_sql_server_parses(string name) =>
        ParseErrors(SqlStatements.Named(name).For(SqlDialect.SqlServer)).Should().BeEmpty();

    [Theory]
    [MemberData(nameof(DirectorySqlShapes.Names), MemberType = typeof(DirectorySqlShapes))]
    public void Directory_search_statement_rendered_for_sql_server_parses(string name) =>
        ParseErrors(DirectorySqlShapes.Named(name).For(SqlDialect.SqlServer)).Should().BeEmpty();

    [Fact]
    public void Dialect_statements_parse()
    {
        ParseErrors(SqlDialect.SqlServer.CreateMigrationJournal).Should().BeEmpty();
        ParseErrors(SqlDialect.SqlServer.LockMigrations).Should().BeEmpty();
    }

    [Fact]
    public void Statements_are_found() => SqlStatements.All().Should().HaveCountGreaterThan(8);

    [Fact]
    public void The_parser_does_reject_sqlite_only_syntax() =>
        ParseErrors("SELECT id FROM t ORDER BY id LIMIT 10").Should().NotBeEmpty();

    private static IEnumerable<string> ParseErrors(string sql)
    {
        new TSql160Parser(initialQuotedIdentifiers: true).Parse(new StringReader(sql), out var errors);
        return errors.Select(e => $"line {e.Line}, column {e.Column}: {e.Message}");
    }
}
