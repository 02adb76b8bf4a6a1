using System.Text.RegularExpressions;

namespace Registry.Api.Data;

public abstract partial class SqlDialect
{
    public static readonly SqlDialect Sqlite = new SqliteDialect();
    public static readonly SqlDialect SqlServer = new SqlServerDialect();

    public static SqlDialect For(DatabaseProvider provider) =>
        provider == DatabaseProvider.Sqlite ? Sqlite : SqlServer;

    public abstract DatabaseProvider Provider { get; }

    /// <summary>Creates the migration journal if it is missing.</summary>
    public abstract string CreateMigrationJournal { get; }

    /// <summary>Serialises migrators of several processes; runs inside the migration transaction.</summary>
    public abstract string LockMigrations { get; }

    /// <summary>Splits a migration script into the batches the server executes one by one.</summary>
    public abstract IReadOnlyList<string> SplitBatches(string script);

    public string Render(string template) => Token().Replace(template, m => Expand(m.Groups[1].Value, m.Groups[2].Value.Trim()));

    protected abstract string Expand(string token, string argument);

    [GeneratedRegex(@"\{(limit|output|returning|string_agg|utc_now|json_ids)\s*([^}]*)\}")]
    private static partial Regex Token();

    private sealed class SqliteDialect : SqlDialect
    {
        public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

        public override string CreateMigrationJournal =>
            "CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT NOT NULL PRIMARY KEY, applied_at TEXT NOT NULL)";

        // BEGIN IMMEDIATE already holds the database's write lock.
        public override string LockMigrations => "SELECT 1";

        public override IReadOnlyList<string> SplitBatches(string script) => [script];

        protected override string Expand(string token, string argument) => token switch
        {
            "limit" => $"LIMIT {argument}",
            "output" => "",
            "returning" => $"RETURNING {argument}",
            "string_agg" => $"group_concat({argument}, ';')",
            // The same fixed-width text as the DateTimeOffset handler writes, so both compare as text.
            "utc_now" => "strftime('%Y-%m-%dT%H:%M:%f0000Z', 'now')",
            "json_ids" => $"SELECT value FROM json_each({argument})",
            _ => throw new ArgumentOutOfRangeException(nameof(token), token, null),
        };
    }

    private sealed partial class SqlServerDialect : SqlDialect
    {
        public override DatabaseProvider Provider => DatabaseProvider.SqlServer;

        public override string CreateMigrationJournal =>
            "IF OBJECT_ID(N'schema_migrations', N'U') IS NULL CREATE TABLE schema_migrations (id NVARCHAR(200) NOT NULL PRIMARY KEY, applied_at DATETIMEOFFSET NOT NULL)";

        public override string LockMigrations =>
            "EXEC sp_getapplock @Resource = N'registry-migrations', @LockMode = N'Exclusive', @LockOwner = N'Transaction', @LockTimeout = 60000";

        public override IReadOnlyList<string> SplitBatches(string script) =>
            Go().Split(script).Where(b => !string.IsNullOrWhiteSpace(b)).ToList();

        protected override string Expand(string token, string argument) => token switch
        {
            "limit" => $"OFFSET 0 ROWS FETCH NEXT {argument} ROWS ONLY",
            "output" => $"OUTPUT INSERTED.{argument}",
            "returning" => "",
            "string_agg" => $"STRING_AGG({argument}, ';')",
            "utc_now" => "SYSDATETIMEOFFSET()",
            "json_ids" => $"SELECT CAST([value] AS BIGINT) FROM OPENJSON({argument})",
            _ => throw new ArgumentOutOfRangeException(nameof(token), token, null),
        };

        [GeneratedRegex(@"^\s*GO\s*;?\s*$", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
        private static partial Regex Go();
    }
}
