using FastEndpoints;
using Registry.Api.Domain;
using Registry.Api.Features.Identity;

namespace Registry.Api.Features.Changes;

/// <summary>Who may read the change feed: machine clients whose API key has <c>changes:read</c>, and registrars and admins.</summary>
public static class ChangeFeedAccess
{
    public const string Policy = "ChangeFeedReader";

    public static void Require(BaseEndpoint endpoint) => endpoint.Definition.Policies(Policy);

    public static IServiceCollection AddChangeFeedAccess(this IServiceCollection services) =>
        services.AddAuthorizationBuilder().AddPolicy(Policy, p => p.RequireAssertion(context =>
        {
            var caller = Caller.From(context.User);
            return caller.Role is RegistryRoles.Registrar or RegistryRoles.Admin
                || caller.Role == RegistryRoles.Machine && caller.Scopes.Contains(ApiKeyScopes.ChangesRead);
        })).Services;
}
