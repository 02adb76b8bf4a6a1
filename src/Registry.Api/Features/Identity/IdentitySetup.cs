using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Mvc;
using Microsoft.IdentityModel.Tokens;
using Registry.Api.Domain;

namespace Registry.Api.Features.Identity;

public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>OpenID Connect authority (issuer URL) of the national identity provider; its keys come from its metadata.</summary>
    public string? Authority { get; set; }

    /// <summary>The audience tokens must be issued for.</summary>
    public string Audience { get; set; } = "registry-api";

    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>Development only: base64 key (at least 32 bytes) the API signs its own tokens with; generated at start if absent.</summary>
    public string? DevSigningKey { get; set; }

    public string DevIssuer { get; set; } = "registry-dev";

    public TimeSpan DevTokenLifetime { get; set; } = TimeSpan.FromHours(8);
}

/// <summary>The Development environment's own token issuer: a symmetric key; null outside Development.</summary>
public sealed class DevTokenKey(SymmetricSecurityKey? key)
{
    public SymmetricSecurityKey? Key { get; } = key;
}

public static class RegistryClaims
{
    public const string Subject = "sub";
    public const string Role = "role";
    public const string Province = "province";
    public const string Scope = "scope";
}

public static class IdentitySetup
{
    public const string Scheme = "registry";
    public const string ApiKeyScheme = "ApiKey";
    public const string ApiKeyHeader = "X-Api-Key";

    /// <summary>JWT bearer tokens from the configured OpenID Connect authority (and, in Development, the API's own), and API keys.</summary>
    public static IServiceCollection AddRegistryIdentity(this IServiceCollection services, IConfiguration configuration, IWebHostEnvironment environment)
    {
        var auth = configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new();
        services.Configure<AuthOptions>(configuration.GetSection(AuthOptions.Section));
        SymmetricSecurityKey? devKey = null;
        if (environment.IsDevelopment())
        {
            var bytes = auth.DevSigningKey is { Length: > 0 } configured ? Convert.FromBase64String(configured) : RandomNumberGenerator.GetBytes(32);
            if (bytes.Length < 32)
                throw new InvalidOperationException($"{AuthOptions.Section}:{nameof(AuthOptions.DevSigningKey)} must be at least 32 bytes, base64-encoded (HMAC-SHA256).");
            devKey = new SymmetricSecurityKey(bytes);
        }
        services.AddSingleton(new DevTokenKey(devKey));

        services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "Bearer token or API key", o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.ContainsKey(ApiKeyHeader) ? ApiKeyScheme : JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(o =>
            {
                o.MapInboundClaims = false;
                o.Audience = auth.Audience;
                o.RequireHttpsMetadata = auth.RequireHttpsMetadata;
                if (auth.Authority is { Length: > 0 }) o.Authority = auth.Authority;
                o.TokenValidationParameters.NameClaimType = RegistryClaims.Subject;
                o.TokenValidationParameters.RoleClaimType = RegistryClaims.Role;
                o.TokenValidationParameters.ValidAudience = auth.Audience;
                if (devKey is not null)
                {
                    o.TokenValidationParameters.ValidIssuers = [auth.DevIssuer];
                    o.TokenValidationParameters.IssuerSigningKeys = [devKey];
                }
            })
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyScheme, null);
        // Token lifetimes are checked against the registry's clock, the one tokens are issued with.
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<TimeProvider>((o, clock) =>
            o.TokenValidationParameters.LifetimeValidator = (notBefore, expires, _, parameters) =>
            {
                var now = clock.GetUtcNow().UtcDateTime;
                return expires is not null && (notBefore is null || notBefore <= now + parameters.ClockSkew) && now < expires + parameters.ClockSkew;
            });
        services.AddAuthorization();
        // Rate limiting counts a verified key's requests per key (replacing the directory's anonymous-only default).
        services.AddSingleton<VerifiedApiKeys>();
        services.AddSingleton<Registry.Api.Features.Directory.IApiClientResolver>(sp => sp.GetRequiredService<VerifiedApiKeys>());
        services.Configure<ProblemDetailsOptions>(o =>
        {
            var previous = o.CustomizeProblemDetails;
            o.CustomizeProblemDetails = context =>
            {
                previous?.Invoke(context);
                context.ProblemDetails.Detail ??= context.ProblemDetails.Status switch
                {
                    StatusCodes.Status401Unauthorized => $"Authenticate with a bearer token (Authorization: Bearer <JWT>) or an API key ({ApiKeyHeader} header).",
                    StatusCodes.Status403Forbidden => "Your role, territory or API key scopes do not allow this operation.",
                    _ => null,
                };
            };
        });
        return services;
    }

    public static WebApplication UseRegistryIdentity(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }
}

/// <summary>The authenticated caller, as the workflow sees it.</summary>
public sealed record Caller(string Subject, string Role, string? Province, IReadOnlyList<string> Scopes)
{
    public static Caller From(ClaimsPrincipal user) => new(
        user.FindFirstValue(RegistryClaims.Subject) ?? "",
        user.FindFirstValue(RegistryClaims.Role) ?? "",
        user.FindFirstValue(RegistryClaims.Province),
        user.FindAll(RegistryClaims.Scope).Select(c => c.Value).ToList());

    /// <summary>A machine client may submit declarations for a province its key names.</summary>
    public bool MaySubmitFor(string provinceCode) =>
        Role == RegistryRoles.Machine && Scopes.Contains(ApiKeyScopes.SubmitDeclarations(provinceCode));

    public bool IsAgentOf(string provinceCode) => Role == RegistryRoles.Agent && Province == provinceCode;
}

public static class ApiKeyScopes
{
    public const string ChangesRead = "changes:read";
    public const string SubmitPrefix = "declarations:submit:";

    public static string SubmitDeclarations(string provinceCode) => SubmitPrefix + provinceCode;

    public static bool IsValid(string scope) =>
        scope == ChangesRead || (scope.StartsWith(SubmitPrefix, StringComparison.Ordinal) && ReceiptNumber.ProvinceCode().IsMatch(scope[SubmitPrefix.Length..]));
}
