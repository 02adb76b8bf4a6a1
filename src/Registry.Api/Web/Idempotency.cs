using System.Data.Common;
using System.Text.Json;
using Dapper;
using Registry.Api.Data;
using Registry.Api.Domain;

namespace Registry.Api.Web;

/// <summary>
/// What a write answers: stored with its idempotency record and replayed as is — or, when the first answer holds a secret
/// shown once, <paramref name="Replay"/> is stored and replayed instead.
/// </summary>
public sealed record WriteResult(int Status, object Body, string? ETag = null, object? Replay = null);

/// <summary>
/// Idempotency-Key (IETF draft-ietf-httpapi-idempotency-key-header) for the POSTs that create something. The key is first
/// claimed in a short transaction (so a retry arriving while the first request runs sees it in flight: 409); the response
/// is then stored in the same transaction as the effect, so an acknowledged effect always has its stored response and a
/// rolled-back one releases the key. Same key and same body: the first response, replayed. Same key, different body: 422.
/// Keys are kept <see cref="Retention"/> (24 hours), per caller.
/// </summary>
public sealed class Idempotency(Database db, TimeProvider clock)
{
    public const string Header = "Idempotency-Key";
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);
    /// <summary>After this, a claim whose request never finished (a crashed process) may be taken over by a retry.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    internal static readonly Sql Find = new("""
        SELECT operation, fingerprint, status_code AS StatusCode, response_body AS ResponseBody, response_etag AS ResponseEtag,
               locked_until AS LockedUntil, expires_at AS ExpiresAt
        FROM idempotency_keys WHERE principal = @Principal AND idempotency_key = @Key
        """);
    internal static readonly Sql Forget = new("DELETE FROM idempotency_keys WHERE principal = @Principal AND idempotency_key = @Key");
    internal static readonly Sql Claim = new("""
        INSERT INTO idempotency_keys (principal, idempotency_key, operation, fingerprint, locked_until, created_at, expires_at)
        VALUES (@Principal, @Key, @Operation, @Fingerprint, @LockedUntil, @Now, @ExpiresAt)
        """);
    internal static readonly Sql TakeOver = new("UPDATE idempotency_keys SET locked_until = @LockedUntil WHERE principal = @Principal AND idempotency_key = @Key AND status_code IS NULL");
    internal static readonly Sql Complete = new("""
        UPDATE idempotency_keys SET status_code = @StatusCode, response_body = @ResponseBody, response_etag = @ResponseEtag, locked_until = NULL
        WHERE principal = @Principal AND idempotency_key = @Key
        """);
    internal static readonly Sql Release = new("DELETE FROM idempotency_keys WHERE principal = @Principal AND idempotency_key = @Key AND status_code IS NULL");
    internal static readonly Sql PurgeExpired = new("DELETE FROM idempotency_keys WHERE expires_at <= @Now");

    private sealed class Stored
    {
        public string Operation { get; init; } = "";
        public string Fingerprint { get; init; } = "";
        public int? StatusCode { get; init; }
        public string? ResponseBody { get; init; }
        public string? ResponseEtag { get; init; }
        public DateTimeOffset? LockedUntil { get; init; }
        public DateTimeOffset ExpiresAt { get; init; }
    }

    private sealed record Response(int Status, string Body, string? ETag);

    /// <summary>Runs <paramref name="effect"/> in one write transaction with the idempotency record, and writes its answer.</summary>
    public async Task ExecuteAsync(HttpContext http, string principal, string? key, bool required, string operation, object? body,
        Func<DbConnection, DbTransaction, DateTimeOffset, CancellationToken, Task<WriteResult>> effect, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(key))
        {
            if (required)
                throw ApiProblem.BadRequest($"This request creates something: send an {Header} header (a unique value such as a UUID) so that it can be retried safely.");
            var once = await db.WriteAsync(async (c, tx, t) => Serialise(await effect(c, tx, clock.GetUtcNow(), t)), ct);
            await WriteAsync(http, once, ct);
            return;
        }
        if (key.Length > 100 || key.Any(ch => ch is < '!' or > '~'))
            throw ApiProblem.BadRequest($"The {Header} header must be 1 to 100 visible ASCII characters.");

        var fingerprint = RequestFingerprint.Of(operation, JsonSerializer.Serialize(body, Json.Options));
        var replay = await ClaimAsync(principal, key, operation, fingerprint, ct);
        if (replay is not null)
        {
            http.Response.Headers["Idempotent-Replayed"] = "true";
            await WriteAsync(http, replay, ct);
            return;
        }
        Response response;
        try
        {
            response = await db.WriteAsync(async (c, tx, t) =>
            {
                var result = await effect(c, tx, clock.GetUtcNow(), t);
                var stored = Serialise(result.Replay is null ? result : result with { Body = result.Replay });
                await c.ExecuteAsync(db.Sql(Complete), new { StatusCode = stored.Status, ResponseBody = stored.Body, ResponseEtag = stored.ETag, Principal = principal, Key = key }, tx);
                return Serialise(result);
            }, ct);
        }
        catch
        {
            await db.WriteAsync((c, tx, _) => c.ExecuteAsync(db.Sql(Release), new { Principal = principal, Key = key }, tx), CancellationToken.None);
            throw;
        }
        await WriteAsync(http, response, ct);
    }

    public Task<int> PurgeExpiredAsync(CancellationToken ct) =>
        db.WriteAsync((c, tx, _) => c.ExecuteAsync(db.Sql(PurgeExpired), new { Now = clock.GetUtcNow() }, tx), ct).AsTask();

    private async Task<Response?> ClaimAsync(string principal, string key, string operation, string fingerprint, CancellationToken ct) =>
        await db.WriteAsync(async (c, tx, _) =>
        {
            var now = clock.GetUtcNow();
            var ids = new { Principal = principal, Key = key };
            var stored = await c.QuerySingleOrDefaultAsync<Stored>(db.Sql(Find), ids, tx);
            if (stored is not null && stored.ExpiresAt <= now)
            {
                await c.ExecuteAsync(db.Sql(Forget), ids, tx);
                stored = null;
            }
            if (stored is null)
            {
                try
                {
                    await c.ExecuteAsync(db.Sql(Claim), new
                    {
                        Principal = principal, Key = key, Operation = operation, Fingerprint = fingerprint,
                        LockedUntil = now + Lease, Now = now, ExpiresAt = now + Retention,
                    }, tx);
                }
                catch (DbException e) when (IsDuplicateKey(e))
                {
                    // SQL Server: another request claimed the key between our read and our insert (SQLite serialises writers).
                    throw ApiProblem.Conflict($"A request with this {Header} is still being processed. Retry in a moment to get its answer.");
                }
                return null;
            }
            if (stored.Operation != operation || stored.Fingerprint != fingerprint)
                throw ApiProblem.Unprocessable($"This {Header} was already used with a different request. Use a new key for a new request.");
            if (stored.StatusCode is { } status)
                return new Response(status, stored.ResponseBody ?? "null", stored.ResponseEtag);
            if (stored.LockedUntil > now)
                throw ApiProblem.Conflict($"A request with this {Header} is still being processed. Retry in a moment to get its answer.");
            await c.ExecuteAsync(db.Sql(TakeOver), new { Principal = principal, Key = key, LockedUntil = now + Lease }, tx);
            return (Response?)null;
        }, ct);

    private static bool IsDuplicateKey(DbException e) => e switch
    {
        Microsoft.Data.SqlClient.SqlException sql => sql.Number is 2627 or 2601,
        Microsoft.Data.Sqlite.SqliteException sqlite => sqlite.SqliteErrorCode == 19, // SQLITE_CONSTRAINT
        _ => false,
    };

    private static Response Serialise(WriteResult result) =>
        new(result.Status, JsonSerializer.Serialize(result.Body, Json.Options), result.ETag);

    private static async Task WriteAsync(HttpContext http, Response response, CancellationToken ct)
    {
        http.Response.StatusCode = response.Status;
        if (response.ETag is not null) http.Response.Headers.ETag = response.ETag;
        http.Response.ContentType = "application/json; charset=utf-8";
        await http.Response.WriteAsync(response.Body, ct);
    }
}
