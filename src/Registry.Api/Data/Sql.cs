namespace Registry.Api.Data;

/// <summary>
/// One statement written once for both providers. The few places where T-SQL and SQLite differ are
/// written as tokens that <see cref="SqlDialect"/> expands: <c>{limit @p}</c> at the end of an ordered
/// query, <c>{output id}</c> after an INSERT's column list and <c>{returning id}</c> at its end,
/// <c>{string_agg expr}</c> for values joined with ';' (order not guaranteed), <c>{utc_now}</c> for the database's clock,
/// <c>{json_ids @p}</c> for the ids in a JSON array parameter, as a subquery.
/// Every <c>static readonly Sql</c> field in the API is parsed as T-SQL and prepared on SQLite by the tests.
/// </summary>
public sealed class Sql(string template)
{
    private string? _sqlite;
    private string? _sqlServer;

    public string Template { get; } = template;

    public string For(SqlDialect dialect) => dialect.Provider switch
    {
        DatabaseProvider.Sqlite => _sqlite ??= dialect.Render(Template),
        _ => _sqlServer ??= dialect.Render(Template),
    };

    public override string ToString() => Template;
}
