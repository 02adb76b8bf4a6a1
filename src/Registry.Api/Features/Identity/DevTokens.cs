using System.Security.Claims;
using Dapper;
using FastEndpoints;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Registry.Api.Data;
using Registry.Api.Domain;
using Registry.Api.Web;

namespace Registry.Api.Features.Identity;

public sealed class DevTokenRequest
{
    /// <summary>representative, agent, registrar or admin.</summary>
    public string Role { get; init; } = "";
    /// <summary>Who the token is for: any stable identifier (e.g. "rep-1").</summary>
    public string Subject { get; init; } = "";
    /// <summary>Agents only: the prefecture or province (RR.PPP) whose authority they are.</summary>
    public string? Province { get; init; }
}

public sealed class DevTokenResponse
{
    public required string Token { get; init; }
}

/// <summary>Development only (elsewhere the route answers 404): the API signs a token for any role, to try the workflow locally.</summary>
public sealed class CreateDevToken(DevTokenKey key, IOptions<AuthOptions> options, Database db, TimeProvider clock)
    : Endpoint<DevTokenRequest, DevTokenResponse>
{
    public const string Tag = "Development";

    internal static readonly Sql ProvinceExists = new("SELECT COUNT(*) FROM provinces WHERE code = @Code");

    public override void Configure()
    {
        Post("/v1/dev/tokens");
        AllowAnonymous();
        Options(x => x.WithName("createDevToken").WithTags(Tag).ProducesProblem(StatusCodes.Status400BadRequest));
        Summary(s =>
        {
            s.Summary = "Get a development token";
            s.Description = "Development environment only: returns a JWT signed by the API for the given role and subject (and province for an agent). Outside Development this route answers 404.";
        });
    }

    public override async Task HandleAsync(DevTokenRequest req, CancellationToken ct)
    {
        // The key exists in Development only. (The route is not filtered out at start-up: FastEndpoints keeps the
        // endpoint list of the first application in a process, so a filter there leaked into other test hosts.)
        var signingKey = key.Key ?? throw ApiProblem.NotFound("There are no development tokens outside the Development environment.");
        if (!RegistryRoles.People.Contains(req.Role))
            AddError(r => r.Role, $"Role must be one of: {string.Join(", ", RegistryRoles.People)}.");
        if (string.IsNullOrWhiteSpace(req.Subject) || req.Subject.Length > 100)
            AddError(r => r.Subject, "Subject is required (at most 100 characters).");
        if (req.Role == RegistryRoles.Agent)
        {
            if (req.Province is null || !ReceiptNumber.ProvinceCode().IsMatch(req.Province))
                AddError(r => r.Province!, "An agent's token needs the province code of their authority, written RR.PPP (e.g. 06.141).");
            else if (await db.ReadAsync((c, _) => c.ExecuteScalarAsync<long>(db.Sql(ProvinceExists), new { Code = req.Province }), ct) == 0)
                AddError(r => r.Province!, $"There is no prefecture or province with code '{req.Province}'; GET /v1/regions/{{code}}/provinces lists them.");
        }
        else if (req.Province is not null)
            AddError(r => r.Province!, "Only an agent's token carries a province.");
        ThrowIfAnyErrors();

        var auth = options.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        var claims = new Dictionary<string, object> { [RegistryClaims.Subject] = req.Subject, [RegistryClaims.Role] = req.Role };
        if (req.Province is not null) claims[RegistryClaims.Province] = req.Province;
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = auth.DevIssuer,
            Audience = auth.Audience,
            Claims = claims,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + auth.DevTokenLifetime,
            SigningCredentials = new SigningCredentials(signingKey, SecurityAlgorithms.HmacSha256),
        });
        await Send.OkAsync(new DevTokenResponse { Token = token }, ct);
    }
}
