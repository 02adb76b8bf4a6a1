using System.Data;
using System.Globalization;
using Dapper;

namespace Registry.Api.Data;

/// <summary>
/// SQLite stores Guid, DateTimeOffset and DateOnly as text; SQL Server has native types for them.
/// Registered once at start-up, before any query: Dapper caches a deserializer per query and a cached one
/// built without the handlers keeps failing.
/// </summary>
public static class DapperTypeHandlers
{
    private static int _registered;

    public static void Register()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 1) return;
        SqlMapper.RemoveTypeMap(typeof(Guid));
        SqlMapper.RemoveTypeMap(typeof(Guid?));
        SqlMapper.RemoveTypeMap(typeof(DateTimeOffset));
        SqlMapper.RemoveTypeMap(typeof(DateTimeOffset?));
        SqlMapper.AddTypeHandler(new GuidHandler());
        SqlMapper.AddTypeHandler(new DateTimeOffsetHandler());
        SqlMapper.AddTypeHandler(new DateOnlyHandler());
    }

    /// <summary>
    /// A parameter value as SQLite stores it: text for Guid (D format), DateOnly (yyyy-MM-dd) and DateTimeOffset (fixed-width
    /// UTC, which sorts in time order, as keyset pagination needs), whole numbers as 64-bit integers, null for null.
    /// </summary>
    public static object? SqliteValue(object? value) => value switch
    {
        null or DBNull => null,
        string s => s,
        Guid g => g.ToString("D"),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTimeOffset t => t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture),
        bool b => b ? 1L : 0L,
        int or long or short or byte => Convert.ToInt64(value, CultureInfo.InvariantCulture),
        _ => throw new NotSupportedException($"No SQLite form for a {value.GetType().Name} parameter."),
    };

    private sealed class GuidHandler : SqlMapper.TypeHandler<Guid>
    {
        public override void SetValue(IDbDataParameter parameter, Guid value)
        {
            if (parameter.GetType().Name == "SqliteParameter")
            {
                parameter.DbType = DbType.String;
                parameter.Value = SqliteValue(value);
            }
            else
            {
                parameter.DbType = DbType.Guid;
                parameter.Value = value;
            }
        }

        public override Guid Parse(object value) => value switch
        {
            Guid g => g,
            string s => Guid.Parse(s),
            byte[] b => new Guid(b),
            _ => throw new DataException($"Cannot convert {value.GetType().Name} to Guid."),
        };
    }

    private sealed class DateTimeOffsetHandler : SqlMapper.TypeHandler<DateTimeOffset>
    {
        public override void SetValue(IDbDataParameter parameter, DateTimeOffset value)
        {
            if (parameter.GetType().Name == "SqliteParameter")
            {
                parameter.DbType = DbType.String;
                parameter.Value = SqliteValue(value);
            }
            else
            {
                parameter.DbType = DbType.DateTimeOffset;
                parameter.Value = value;
            }
        }

        public override DateTimeOffset Parse(object value) => value switch
        {
            DateTimeOffset d => d,
            DateTime d => new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)),
            string s => DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
            _ => throw new DataException($"Cannot convert {value.GetType().Name} to DateTimeOffset."),
        };
    }

    private sealed class DateOnlyHandler : SqlMapper.TypeHandler<DateOnly>
    {
        public override void SetValue(IDbDataParameter parameter, DateOnly value)
        {
            if (parameter.GetType().Name == "SqliteParameter")
            {
                parameter.DbType = DbType.String;
                parameter.Value = SqliteValue(value);
            }
            else
            {
                parameter.DbType = DbType.Date;
                parameter.Value = value.ToDateTime(TimeOnly.MinValue);
            }
        }

        public override DateOnly Parse(object value) => value switch
        {
            DateOnly d => d,
            DateTime d => DateOnly.FromDateTime(d),
            string s => DateOnly.ParseExact(s[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture),
            _ => throw new DataException($"Cannot convert {value.GetType().Name} to DateOnly."),
        };
    }
}
