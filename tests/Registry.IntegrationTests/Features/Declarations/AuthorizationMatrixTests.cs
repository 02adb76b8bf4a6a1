using System.Net.Http.Json;
using Registry.Client;
using static Registry.IntegrationTests.Features.Declarations.Declarations;

namespace Registry.IntegrationTests.Features.Declarations;

/// <summary>
/// OWASP API1/API3/API5: every protected endpoint × every caller, with the declaration in the caller's territory or not.
/// The declaration is filed by <c>rep-owner</c> in Casablanca (06.141); <c>agent-own</c> is of 06.141, <c>agent-other</c> of Rabat.
/// </summary>
public sealed class AuthorizationMatrixTests(WorkflowApiFactory api) : IClassFixture<WorkflowApiFactory>
{
    public static readonly string[] Callers =
        ["anonymous", "rep-owner", "rep-other", "agent-own", "agent-other", "registrar", "admin", "machine-own", "machine-other"];

    // Expected status per caller, in the order of Callers.
    private static readonly Dictionary<string, int[]> Expected = new()
    {
        ["listDeclarations"] = [401, 200, 200, 200, 200, 200, 403, 200, 200],
        ["getDeclaration"] = [401, 200, 404, 200, 404, 200, 403, 404, 404],
        ["listDeclarationAudit"] = [401, 200, 404, 200, 404, 200, 403, 404, 404],
        ["createDeclaration"] = [401, 201, 201, 403, 403, 403, 403, 201, 403],
        ["updateDeclaration"] = [401, 200, 404, 403, 403, 403, 403, 404, 404],
        ["depositDeclaration"] = [401, 200, 404, 403, 403, 403, 403, 404, 404],
        ["decideDeclaration"] = [401, 403, 403, 200, 404, 403, 403, 403, 403],
        ["listApiKeys"] = [401, 403, 403, 403, 403, 403, 200, 403, 403],
        ["createApiKey"] = [401, 403, 403, 403, 403, 403, 201, 403, 403],
        ["revokeApiKey"] = [401, 403, 403, 403, 403, 403, 200, 403, 403],
        ["recognisePublicUtility"] = [401, 403, 403, 403, 403, 200, 403, 403, 403],
        ["recordForeignFunding"] = [401, 403, 403, 403, 403, 201, 403, 403, 403],
        ["correctAssociation"] = [401, 403, 403, 403, 403, 200, 403, 403, 403],
        ["dissolveJudicially"] = [401, 403, 403, 403, 403, 200, 403, 403, 403],
        ["listChanges"] = [401, 403, 403, 403, 403, 200, 200, 403, 403],
        ["getChangeFeedChecksums"] = [401, 403, 403, 403, 403, 200, 200, 403, 403],
        ["requestOpenDataSnapshot"] = [401, 403, 403, 403, 403, 202, 403, 403, 403],
    };

    public static TheoryData<string, string, int> Cases()
    {
        var data = new TheoryData<string, string, int>();
        foreach (var (operation, statuses) in Expected)
            for (var i = 0; i < Callers.Length; i++)
                data.Add(operation, Callers[i], statuses[i]);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Each_caller_gets_what_its_role_and_territory_allow(string operation, string caller, int expected)
    {
        var owner = await api.As("representative", "rep-owner");
        var declaration = await owner.CreateDeclarationAsync(Founding(), NewKey());
        if (operation is "getDeclaration" or "listDeclarationAudit" or "decideDeclaration" or "recognisePublicUtility" or "recordForeignFunding" or "correctAssociation" or "dissolveJudicially")
            declaration = await owner.DepositDeclarationAsync(declaration.Id, Attest, declaration.Etag);
        var admin = await api.As("admin", "admin-matrix");
        var apiKey = operation == "revokeApiKey" ? (await admin.CreateApiKeyAsync(new NewApiKey { Name = "to revoke", Scopes = ["changes:read"] }, NewKey())).ApiKey.Id : 0;
        var http = await Client(caller);
        var association = $"/v1/associations/{declaration.RegistryNumber}";

        var request = operation switch
        {
            "listDeclarations" => new HttpRequestMessage(HttpMethod.Get, "/v1/declarations"),
            "getDeclaration" => new HttpRequestMessage(HttpMethod.Get, $"/v1/declarations/{declaration.Id}"),
            "listDeclarationAudit" => new HttpRequestMessage(HttpMethod.Get, $"/v1/declarations/{declaration.Id}/audit"),
            "createDeclaration" => Post("/v1/declarations", Founding()),
            "updateDeclaration" => Change(HttpMethod.Put, $"/v1/declarations/{declaration.Id}", Founding(name: "Nouveau nom"), declaration.Etag),
            "depositDeclaration" => Change(HttpMethod.Post, $"/v1/declarations/{declaration.Id}/deposit", new { attestComplete = true }, declaration.Etag),
            "decideDeclaration" => Change(HttpMethod.Post, $"/v1/declarations/{declaration.Id}/decision", new { decision = "issue_receipt" }, declaration.Etag),
            "listApiKeys" => new HttpRequestMessage(HttpMethod.Get, "/v1/api-keys"),
            "createApiKey" => Post("/v1/api-keys", new { name = "matrix", scopes = new[] { "changes:read" } }),
            "revokeApiKey" => new HttpRequestMessage(HttpMethod.Delete, $"/v1/api-keys/{apiKey}"),
            "recognisePublicUtility" => Post($"{association}/public-utility", new { decreeNumber = "2-26-7", decreeDate = "2026-01-05" }),
            "recordForeignFunding" => Post($"{association}/foreign-fundings",
                new { receivedOn = "2026-01-05", amount = 1000m, currency = "EUR", originCountry = "BE", donor = "Fondation Test" }),
            "correctAssociation" => Post($"{association}/corrections", new { field = "commune", value = "Anfa", reason = "Erreur de saisie." }),
            "dissolveJudicially" => Post($"{association}/judicial-dissolution", new { judgmentReference = "TPI 2026/9", judgmentDate = "2026-02-01" }),
            "listChanges" => new HttpRequestMessage(HttpMethod.Get, "/v1/changes"),
            "getChangeFeedChecksums" => new HttpRequestMessage(HttpMethod.Get, "/v1/changes/checksums"),
            "requestOpenDataSnapshot" => Post("/v1/open-data/snapshots", new { }),
            _ => throw new ArgumentOutOfRangeException(nameof(operation)),
        };
        var response = await http.SendAsync(request);

        ((int)response.StatusCode).Should().Be(expected, $"{caller} calling {operation}: {await response.Content.ReadAsStringAsync()}");
        if (expected >= 400)
            response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    private async Task<HttpClient> Client(string caller) => caller switch
    {
        "anonymous" => api.CreateClient(),
        "rep-owner" => await api.HttpAs("representative", "rep-owner"),
        "rep-other" => await api.HttpAs("representative", "rep-other"),
        "agent-own" => await api.HttpAs("agent", "agent-own", Casablanca),
        "agent-other" => await api.HttpAs("agent", "agent-other", Rabat),
        "registrar" => await api.HttpAs("registrar", "registrar-matrix"),
        "admin" => await api.HttpAs("admin", "admin-matrix"),
        "machine-own" => await api.MachineFor(Casablanca),
        "machine-other" => await api.MachineFor(Rabat),
        _ => throw new ArgumentOutOfRangeException(nameof(caller)),
    };

    private static HttpRequestMessage Post(string path, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", NewKey());
        return request;
    }

    private static HttpRequestMessage Change(HttpMethod method, string path, object body, string etag)
    {
        var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        return request;
    }
}
