using System.Text;
using Dapper;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Registry.Api.Data;

/// <summary>
/// Steps one statement through SQLite's own API, on a connection (and in the transaction) the caller opened, and reads
/// each column as the text SQLite holds. For bulk reads only (the open-data exports): at a million rows of 31 columns,
/// this reads in 5 s what <see cref="SqliteDataReader"/> reads in 8 s, most of the difference being its per-value
/// checks and calls. Parameters are bound as the Dapper type handlers bind them (<see cref="DapperTypeHandlers.SqliteValue"/>).
/// </summary>
public sealed class SqliteTextRows : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;

    private SqliteTextRows(sqlite3 db, sqlite3_stmt statement)
    {
        _db = db;
        _statement = statement;
    }

    public static SqliteTextRows Open(SqliteConnection connection, string sql, DynamicParameters? parameters)
    {
        var db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        Check(raw.sqlite3_prepare_v2(db, sql, out var statement), db);
        var rows = new SqliteTextRows(db, statement);
        try
        {
            foreach (var name in parameters?.ParameterNames ?? [])
            {
                var index = raw.sqlite3_bind_parameter_index(statement, "@" + name);
                if (index == 0) continue; // a parameter this statement does not use
                var rc = DapperTypeHandlers.SqliteValue(parameters!.Get<object?>(name)) switch
                {
                    null => raw.sqlite3_bind_null(statement, index),
                    long number => raw.sqlite3_bind_int64(statement, index, number),
                    string text => raw.sqlite3_bind_text(statement, index, text),
                    var other => throw new NotSupportedException($"Cannot bind a {other.GetType().Name}."),
                };
                Check(rc, db);
            }
            return rows;
        }
        catch
        {
            rows.Dispose();
            throw;
        }
    }

    /// <summary>Moves to the next row; false after the last one.</summary>
    public bool Read()
    {
        var rc = raw.sqlite3_step(_statement);
        if (rc == raw.SQLITE_ROW) return true;
        if (rc == raw.SQLITE_DONE) return false;
        Check(rc, _db);
        return false;
    }

    /// <summary>The column's value as text, or null for SQL NULL.</summary>
    public string? Text(int column)
    {
        var bytes = raw.sqlite3_column_blob(_statement, column);
        if (bytes.Length > 0) return Encoding.UTF8.GetString(bytes);
        return raw.sqlite3_column_type(_statement, column) == raw.SQLITE_NULL ? null : "";
    }

    public void Dispose() => _statement.Dispose();

    private static void Check(int rc, sqlite3 db)
    {
        if (rc is not (raw.SQLITE_OK or raw.SQLITE_ROW or raw.SQLITE_DONE)) SqliteException.ThrowExceptionForRC(rc, db);
    }
}
