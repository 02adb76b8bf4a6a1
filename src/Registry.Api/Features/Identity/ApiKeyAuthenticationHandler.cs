using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Dapper;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Registry.Api.Data;
using Registry.Api.Domain;

namespace Registry.Api.Features.Identity;

/// <summary>Machine clients send their key in <c>X-Api-Key</c>; only its SHA-256 is stored, and a revoked key stops working at once.</summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, Database db, VerifiedApiKeys verified)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    internal static readonly Sql FindActiveKey = new("SELECT id, scopes FROM api_keys WHERE secret_hash = @Hash AND revoked_at IS NULL");

    private sealed record ApiKeyRow(long Id, string Scopes);

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var secret = Request.Headers[IdentitySetup.ApiKeyHeader].ToString();
        if (secret.Length == 0) return AuthenticateResult.NoResult();
        var hash = Hash(secret);
        var key = await db.ReadAsync((c, _) => c.QuerySingleOrDefaultAsync<ApiKeyRow>(
            db.Sql(FindActiveKey), new { Hash = hash }), Context.RequestAborted);
        if (key is not { } found) return AuthenticateResult.Fail("Unknown or revoked API key.");
        verified.Remember(hash, $"api-key:{found.Id}");
        var claims = new List<Claim>
        {
            new(RegistryClaims.Subject, $"api-key:{found.Id}"),
            new(RegistryClaims.Role, RegistryRoles.Machine),
        };
        claims.AddRange(found.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(s => new Claim(RegistryClaims.Scope, s)));
        var identity = new ClaimsIdentity(claims, Scheme.Name, RegistryClaims.Subject, RegistryClaims.Role);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }
}
