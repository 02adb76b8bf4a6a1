using System.Collections.Concurrent;
using Registry.Api.Features.Directory;

namespace Registry.Api.Features.Identity;

/// <summary>
/// API keys recently verified against the database, so the rate limiter (which runs before authentication) can count
/// a key's requests against the key rather than its IP address. A key counts as a client only once it has
/// authenticated; a revoked key is forgotten after <see cref="Memory"/> (and fails authentication at once).
/// </summary>
public sealed class VerifiedApiKeys(TimeProvider clock) : IApiClientResolver
{
    public static readonly TimeSpan Memory = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, (string Client, DateTimeOffset Until)> _verified = new(StringComparer.Ordinal);

    public void Remember(string secretHash, string client) => _verified[secretHash] = (client, clock.GetUtcNow() + Memory);

    public string? ResolveClientId(HttpContext context)
    {
        var secret = context.Request.Headers[IdentitySetup.ApiKeyHeader].ToString();
        if (secret.Length == 0 || !_verified.TryGetValue(ApiKeyAuthenticationHandler.Hash(secret), out var entry)) return null;
        if (entry.Until > clock.GetUtcNow()) return entry.Client;
        _verified.TryRemove(ApiKeyAuthenticationHandler.Hash(secret), out _);
        return null;
    }
}
