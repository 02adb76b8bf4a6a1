namespace Registry.Api.Data;

public enum DatabaseProvider { Sqlite, SqlServer }

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>For SQLite, a relative <c>Data Source</c> is resolved against the content root.</summary>
    public string ConnectionString { get; set; } = "Data Source=data/registry.db";

    /// <summary>Folder holding <c>sqlite/</c> and <c>sqlserver/</c> migration scripts; relative to the app's base directory.</summary>
    public string MigrationsPath { get; set; } = "db";
}
