using Dapper;
using Registry.Client;
using static Registry.IntegrationTests.Features.Declarations.Declarations;

namespace Registry.IntegrationTests.Features.Declarations;

public sealed class ApiKeyAndRegistrarTests(WorkflowApiFactory api) : IClassFixture<WorkflowApiFactory>
{
    [Fact]
    public async Task An_admin_creates_a_key_shown_once_that_submits_for_its_province_until_revoked()
    {
        var admin = await api.As("admin", "admin-1");
        var created = await admin.CreateApiKeyAsync(new NewApiKey { Name = "Préfecture de Casablanca", Scopes = [$"declarations:submit:{Casablanca}"] }, NewKey());
        created.Key.Should().StartWith("rk_");
        (await admin.ListApiKeysAsync()).Items.Should().ContainSingle(k => k.Id == created.ApiKey.Id)
            .Which.Prefix.Should().Be(created.Key!.Split('_')[1]);
        var stored = await api.Database.ReadAsync((c, _) => c.QueryAsync<string>("SELECT secret_hash FROM api_keys UNION ALL SELECT response_body FROM idempotency_keys"), default);
        stored.Should().NotContain(s => s.Contains(created.Key!), "only the key's hash is kept, and a replay does not show it");

        var machineHttp = api.CreateClient();
        machineHttp.DefaultRequestHeaders.Add("X-Api-Key", created.Key);
        var machine = new RegistryApiClient(machineHttp);
        var draft = await machine.CreateDeclarationAsync(Founding(), NewKey());
        (await machine.DepositDeclarationAsync(draft.Id, Attest, draft.Etag)).Status.Should().Be("deposited");
        var elsewhere = () => machine.CreateDeclarationAsync(Founding(province: Rabat), NewKey());
        (await elsewhere.Should().ThrowAsync<RegistryApiException>()).Which.StatusCode.Should().Be(403);

        (await admin.RevokeApiKeyAsync(created.ApiKey.Id)).RevokedAt.Should().NotBeNull();
        var revoked = () => machine.ListDeclarationsAsync();
        (await revoked.Should().ThrowAsync<RegistryApiException>()).Which.StatusCode.Should().Be(401);
    }

    [Theory]
    [InlineData("changes:write")]
    [InlineData("declarations:submit:99.999")]
    [InlineData("declarations:submit:Casablanca")]
    public async Task Unknown_scopes_are_refused(string scope)
    {
        var admin = await api.As("admin", "admin-2");
        var create = () => admin.CreateApiKeyAsync(new NewApiKey { Name = "x", Scopes = [scope] }, NewKey());
        (await create.Should().ThrowAsync<RegistryApiException>()).Which.StatusCode.Should().BeOneOf(400, 422);
    }

    [Fact]
    public async Task The_registrar_records_public_utility_foreign_funding_corrections_and_judicial_dissolution()
    {
        var registrar = await api.As("registrar", "registrar-1");
        var number = await api.Database.ReadAsync((c, _) => c.ExecuteScalarAsync<string>(
            "SELECT registry_number FROM associations WHERE status = 'registered' ORDER BY id LIMIT 1"), default);

        var recognised = await registrar.RecognisePublicUtilityAsync(number!, new PublicUtilityDecree
        {
            DecreeNumber = "2-26-101", DecreeDate = new DateTimeOffset(2026, 1, 20, 0, 0, 0, TimeSpan.Zero),
        }, NewKey());
        recognised.PublicUtilityDecree.Should().Be("2-26-101");

        var funding = await registrar.RecordForeignFundingAsync(number!, new ForeignFundingInput
        {
            ReceivedOn = new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero), Amount = 125000.50m, Currency = "EUR", OriginCountry = "FR", Donor = "Fondation Exemple",
        }, NewKey());
        funding.Amount.Should().Be(125000.50m);

        var corrected = await registrar.CorrectAssociationAsync(number!, new Correction { Field = "nameFr", Value = "Association Corrigée", Reason = "Faute de frappe à la saisie." }, NewKey());
        corrected.NameFr.Should().Be("Association Corrigée");
        corrected.Version.Should().BeGreaterThan(recognised.Version);

        var dissolved = await registrar.DissolveJudiciallyAsync(number!, new Judgment
        {
            JudgmentReference = "TPI Casablanca 2026/1234", JudgmentDate = new DateTimeOffset(2026, 2, 20, 0, 0, 0, TimeSpan.Zero),
        }, NewKey());
        dissolved.Status.Should().Be("dissolved");
        var again = () => registrar.DissolveJudiciallyAsync(number!, new Judgment
        {
            JudgmentReference = "TPI Casablanca 2026/1235", JudgmentDate = new DateTimeOffset(2026, 2, 21, 0, 0, 0, TimeSpan.Zero),
        }, NewKey());
        (await again.Should().ThrowAsync<RegistryApiException>()).Which.StatusCode.Should().Be(409);

        var history = await api.Database.ReadAsync(async (c, _) => (await c.QueryAsync<string>(
            "SELECT h.type FROM association_history h JOIN associations a ON a.id = h.association_id WHERE a.registry_number = @number ORDER BY h.id",
            new { number })).AsList(), default);
        history.Should().Contain(["public_utility", "corrected", "dissolved"]);
    }

    [Fact]
    public async Task The_audit_log_refuses_updates_and_deletes()
    {
        await api.Database.WriteAsync(async (c, tx, _) =>
        {
            await Registry.Api.Features.Audit.AuditLog.AppendAsync(c, tx, api.Database.Dialect,
                "test", "test.entry", "test", "1", "a row to protect", null, null, api.Clock.GetUtcNow());
            return 0;
        }, default);
        var update = () => api.Database.WriteAsync((c, tx, _) => c.ExecuteAsync("UPDATE audit_log SET actor = 'someone else'", transaction: tx), default).AsTask();
        var delete = () => api.Database.WriteAsync((c, tx, _) => c.ExecuteAsync("DELETE FROM audit_log", transaction: tx), default).AsTask();

        await update.Should().ThrowAsync<Microsoft.Data.Sqlite.SqliteException>().WithMessage("*append-only*");
        await delete.Should().ThrowAsync<Microsoft.Data.Sqlite.SqliteException>().WithMessage("*append-only*");
    }
}
