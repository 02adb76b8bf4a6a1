using Registry.Api.Data;

namespace Registry.UnitTests.Data;

public sealed class SqlDialectTests
{
    [Fact]
    public void Limit_is_a_trailing_limit_on_sqlite_and_offset_fetch_on_sql_server()
    {
        var sql = new Sql("SELECT id FROM t ORDER BY id {limit @Limit}");

        sql.For(SqlDialect.Sqlite).Should().Be("SELECT id FROM t ORDER BY id LIMIT @Limit");
        sql.For(SqlDialect.SqlServer).Should().Be("SELECT id FROM t ORDER BY id OFFSET 0 ROWS FETCH NEXT @Limit ROWS ONLY");
    }

    [Fact]
    public void Inserted_ids_come_back_with_returning_on_sqlite_and_output_on_sql_server()
    {
        var sql = new Sql("INSERT INTO t (a) {output id} VALUES (@A) {returning id}");

        sql.For(SqlDialect.Sqlite).Should().Be("INSERT INTO t (a)  VALUES (@A) RETURNING id");
        sql.For(SqlDialect.SqlServer).Should().Be("INSERT INTO t (a) OUTPUT INSERTED.id VALUES (@A) ");
    }

    [Fact]
    public void Sql_server_scripts_are_split_on_go_lines_only()
    {
        var batches = SqlDialect.SqlServer.SplitBatches("CREATE TABLE a (x INT);\nGO\nSELECT 'GOAL' AS go_on;\n  go  \n");

        batches.Should().HaveCount(2);
        batches[1].Should().Contain("GOAL");
    }

    [Fact]
    public void Values_are_joined_with_group_concat_on_sqlite_and_string_agg_on_sql_server()
    {
        var sql = new Sql("SELECT {string_agg d.code} FROM d");

        sql.For(SqlDialect.Sqlite).Should().Be("SELECT group_concat(d.code, ';') FROM d");
        sql.For(SqlDialect.SqlServer).Should().Be("SELECT STRING_AGG(d.code, ';') FROM d");
    }

    [Fact]
    public void The_database_clock_is_read_in_each_dialect()
    {
        var sql = new Sql("SELECT {utc_now}");

        sql.For(SqlDialect.Sqlite).Should().Be("SELECT strftime('%Y-%m-%dT%H:%M:%f0000Z', 'now')");
        sql.For(SqlDialect.SqlServer).Should().Be("SELECT SYSDATETIMEOFFSET()");
    }

    [Fact]
    public void Ids_in_a_json_array_are_a_subquery_in_each_dialect()
    {
        var sql = new Sql("SELECT a.id FROM a WHERE a.id IN ({json_ids @Ids})");

        sql.For(SqlDialect.Sqlite).Should().Be("SELECT a.id FROM a WHERE a.id IN (SELECT value FROM json_each(@Ids))");
        sql.For(SqlDialect.SqlServer).Should().Be("SELECT a.id FROM a WHERE a.id IN (SELECT CAST([value] AS BIGINT) FROM OPENJSON(@Ids))");
    }
}
