using System.Security.Cryptography;
using Registry.Api.Data;

namespace Registry.Api.Features.ApiKeys;

public sealed class ApiKey
{
    public required long Id { get; init; }
    public required string Name { get; init; }
    /// <summary>The key's first characters, to recognise it; the key itself is never stored.</summary>
    public required string Prefix { get; init; }
    public required IReadOnlyList<string> Scopes { get; init; }
    public required string CreatedBy { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? RevokedAt { get; init; }
}

public sealed class ApiKeyRow
{
    public long Id { get; init; }
    public string Name { get; init; } = "";
    public string Prefix { get; init; } = "";
    public string Scopes { get; init; } = "";
    public string CreatedBy { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? RevokedAt { get; init; }

    public ApiKey ToResponse() => new()
    {
        Id = Id, Name = Name, Prefix = Prefix, Scopes = Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries),
        CreatedBy = CreatedBy, CreatedAt = CreatedAt, RevokedAt = RevokedAt,
    };
}

public static class ApiKeyStore
{
    internal static readonly Sql Insert = new("""
        INSERT INTO api_keys (name, prefix, secret_hash, scopes, created_by, created_at)
        {output id}
        VALUES (@Name, @Prefix, @SecretHash, @Scopes, @CreatedBy, @Now)
        {returning id}
        """);

    private const string Columns = "SELECT id, name, prefix, scopes, created_by AS CreatedBy, created_at AS CreatedAt, revoked_at AS RevokedAt FROM api_keys";
    internal static readonly Sql ById = new(Columns + " WHERE id = @Id");
    internal static readonly Sql All = new(Columns + " ORDER BY id");
    internal static readonly Sql Revoke = new("UPDATE api_keys SET revoked_at = @Now WHERE id = @Id AND revoked_at IS NULL");

    /// <summary>A new key: 256 random bits, written <c>rk_{prefix}_{secret}</c>; only its SHA-256 is kept.</summary>
    public static (string Key, string Prefix) NewKey()
    {
        var prefix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        return ($"rk_{prefix}_{secret}", prefix);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
