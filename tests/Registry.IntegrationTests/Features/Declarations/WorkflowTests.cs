using Dapper;
using Registry.Client;
using static Registry.IntegrationTests.Features.Declarations.Declarations;

namespace Registry.IntegrationTests.Features.Declarations;

public sealed class WorkflowTests(WorkflowApiFactory api) : IClassFixture<WorkflowApiFactory>
{
    [Fact]
    public async Task A_founding_declaration_goes_from_draft_to_definitive_receipt_through_the_roles()
    {
        var representative = await api.As("representative", "rep-walk");
        var agent = await api.As("agent", "agent-casa", Casablanca);
        var registrar = await api.As("registrar", "registrar-1");

        var draft = await representative.CreateDeclarationAsync(Founding(name: "Association Le Chemin"), NewKey());
        draft.Status.Should().Be("draft");
        draft.ProvisionalReceiptNumber.Should().BeNull();
        draft.ProvinceCode.Should().Be(Casablanca);

        var edited = Founding(name: "Association Le Bon Chemin");
        var draftForAgent = () => agent.GetDeclarationAsync(draft.Id);
        (await draftForAgent.Should().ThrowAsync<RegistryApiException>()).Which.StatusCode.Should().Be(404, "a draft is not yet the authority's");
        (await registrar.ListDeclarationsAsync()).Items.Should().NotContain(d => d.Id == draft.Id);
        var afterEdit = await representative.UpdateDeclarationAsync(draft.Id, edited, draft.Etag);
        afterEdit.Association.NameFr.Should().Be("Association Le Bon Chemin");
        afterEdit.Version.Should().Be(draft.Version + 1);

        var deposited = await representative.DepositDeclarationAsync(draft.Id, Attest, afterEdit.Etag);
        deposited.Status.Should().Be("deposited");
        deposited.ProvisionalReceiptNumber.Should().MatchRegex(@"^RP-06\.141-2026-\d{6}$");
        deposited.ProvisionalReceiptDate.Should().NotBeNull();
        deposited.RegistryNumber.Should().MatchRegex(@"^\d{7}-\d{2}$");
        deposited.ReceiptDueBy.Should().Be(deposited.DepositedAt!.Value.AddDays(60));
        (await AssociationStatus(deposited.RegistryNumber!)).Should().Be("deposited");

        (await agent.ListDeclarationsAsync(status: "deposited")).Items.Should().Contain(d => d.Id == draft.Id);
        var decided = await agent.DecideDeclarationAsync(draft.Id, new DecisionInput { Decision = "issue_receipt" }, deposited.Etag);
        decided.Status.Should().Be("receipt_issued");
        decided.DefinitiveReceiptNumber.Should().MatchRegex(@"^RD-06\.141-2026-\d{6}$");
        decided.DecidedBy.Should().Be("agent-casa");

        (await registrar.GetDeclarationAsync(draft.Id)).Status.Should().Be("receipt_issued");
        (await AssociationStatus(deposited.RegistryNumber!)).Should().Be("registered");
        var history = await History(deposited.RegistryNumber!);
        history.Should().Equal("deposited", "provisional_receipt", "definitive_receipt");
        (await Audit(draft.Id)).Should().Equal("declaration.create", "declaration.edit", "declaration.deposit", "declaration.receipt_issued");
        var trail = (await registrar.ListDeclarationAuditAsync(draft.Id)).Items;
        trail.Select(a => a.Action).Should().Equal("declaration.create", "declaration.edit", "declaration.deposit", "declaration.receipt_issued");
        trail[^1].Actor.Should().Be("agent-casa");
        trail[^1].After!.ToString().Should().Contain("receipt_issued").And.NotContain("ZZ999", "the audit keeps states, not personal data");
    }

    [Fact]
    public async Task Completion_requested_goes_back_to_the_representative_who_deposits_again()
    {
        var representative = await api.As("representative", "rep-completion");
        var agent = await api.As("agent", "agent-casa-2", Casablanca);
        var draft = await representative.CreateDeclarationAsync(Founding(), NewKey());
        var deposited = await representative.DepositDeclarationAsync(draft.Id, Attest, draft.Etag);

        var sentBack = await agent.DecideDeclarationAsync(draft.Id, new DecisionInput { Decision = "request_completion", Reason = "Les statuts ne sont pas signés." }, deposited.Etag);
        sentBack.Status.Should().Be("completion_requested");
        sentBack.ReceiptDueBy.Should().BeNull("the clock stops while the file is incomplete");
        (await AssociationStatus(deposited.RegistryNumber!)).Should().Be("completion_requested");

        var completed = await representative.UpdateDeclarationAsync(draft.Id, Founding(), sentBack.Etag);
        var again = await representative.DepositDeclarationAsync(draft.Id, Attest, completed.Etag);
        again.Status.Should().Be("deposited");
        again.ProvisionalReceiptNumber.Should().Be(deposited.ProvisionalReceiptNumber, "the file keeps its provisional receipt");
        again.RegistryNumber.Should().Be(deposited.RegistryNumber);
        (await AssociationStatus(deposited.RegistryNumber!)).Should().Be("deposited");

        var withheld = await agent.DecideDeclarationAsync(draft.Id, new DecisionInput { Decision = "withhold", Reason = "Objet contraire à la loi." }, again.Etag);
        withheld.Status.Should().Be("receipt_withheld");
        withheld.DecisionReason.Should().Be("Objet contraire à la loi.");
        (await AssociationStatus(deposited.RegistryNumber!)).Should().Be("receipt_withheld");
    }

    [Fact]
    public async Task Nobody_decides_without_a_written_reason_or_on_a_draft()
    {
        var representative = await api.As("representative", "rep-rules");
        var agent = await api.As("agent", "agent-casa-3", Casablanca);
        var draft = await representative.CreateDeclarationAsync(Founding(), NewKey());

        var onDraft = () => agent.DecideDeclarationAsync(draft.Id, new DecisionInput { Decision = "issue_receipt" }, draft.Etag);
        (await onDraft.Should().ThrowAsync<RegistryApiException>()).Which.StatusCode.Should().Be(404, "the authority does not see drafts");

        var deposited = await representative.DepositDeclarationAsync(draft.Id, Attest, draft.Etag);
        var noReason = () => agent.DecideDeclarationAsync(draft.Id, new DecisionInput { Decision = "withhold" }, deposited.Etag);
        (await noReason.Should().ThrowAsync<RegistryApiException>()).Which.StatusCode.Should().Be(400);

        var editDeposited = () => representative.UpdateDeclarationAsync(draft.Id, Founding(), deposited.Etag);
        (await editDeposited.Should().ThrowAsync<RegistryApiException>()).Which.StatusCode.Should().Be(409);
        var decided = await agent.DecideDeclarationAsync(draft.Id, new DecisionInput { Decision = "issue_receipt" }, deposited.Etag);
        var decideAgain = () => agent.DecideDeclarationAsync(draft.Id, new DecisionInput { Decision = "withhold", Reason = "Trop tard." }, decided.Etag);
        (await decideAgain.Should().ThrowAsync<RegistryApiException>()).Which.StatusCode.Should().Be(409, "a receipt issued is final");
    }

    [Fact]
    public async Task Invalid_declarations_are_400_with_an_error_per_field_and_no_personal_data()
    {
        var http = await api.HttpAs("representative", "rep-invalid");
        http.DefaultRequestHeaders.Add("Idempotency-Key", NewKey());
        var body = """
            {"kind":"founding","association":{"kind":"association","scope":"local","nameFr":"X","object":"Y","seatAddress":"Z","commune":"C",
             "provinceCode":"06.141","foundedOn":"2026-02-14","domains":["culture"]},
             "members":[{"firstName":"A","lastName":"B","role":"président","nationality":"marocaine","birthDate":"1980-01-01",
               "birthPlace":"Fès","profession":"x","homeAddress":"y","cin":"not-a-cin-ZZ999777"}],
             "documents":[{"fileName":"s.pdf","mediaType":"application/pdf","size":0,"sha256":"abc"}]}
            """;
        var response = await http.PostAsync("/v1/declarations", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();

        ((int)response.StatusCode).Should().Be(400);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        text.Should().Contain("members[0].cin").And.Contain("documents[0].size").And.Contain("documents[0].sha256");
        text.Should().NotContain("ZZ999777");
    }

    [Fact]
    public async Task Change_declarations_update_the_record_on_definitive_receipt_and_dissolution_closes_it()
    {
        var representative = await api.As("representative", "rep-changes");
        var agent = await api.As("agent", "agent-casa-4", Casablanca);
        var rabatAgent = await api.As("agent", "agent-rabat", Rabat);
        var founding = await representative.CreateDeclarationAsync(Founding(), NewKey());
        founding = await representative.DepositDeclarationAsync(founding.Id, Attest, founding.Etag);
        await agent.DecideDeclarationAsync(founding.Id, new DecisionInput { Decision = "issue_receipt" }, founding.Etag);
        var number = founding.RegistryNumber!;

        var transfer = await representative.CreateDeclarationAsync(new DeclarationInput
        {
            Kind = "seat_transfer", RegistryNumber = number,
            Association = new DeclaredAssociation { SeatAddress = "3 avenue Mohammed V", Commune = "Hassan", ProvinceCode = Rabat },
            Documents = [new DocumentReference { FileName = "pv-age.pdf", MediaType = "application/pdf", Size = 1000, Sha256 = new string('c', 64) }],
        }, NewKey());
        transfer.ProvinceCode.Should().Be(Casablanca, "the authority of the current seat receives the declaration");
        transfer = await representative.DepositDeclarationAsync(transfer.Id, Attest, transfer.Etag);
        (await Province(number)).Should().Be(Casablanca, "a change takes effect with its definitive receipt");
        await agent.DecideDeclarationAsync(transfer.Id, new DecisionInput { Decision = "issue_receipt" }, transfer.Etag);
        (await Province(number)).Should().Be(Rabat);

        var dissolution = await representative.CreateDeclarationAsync(new DeclarationInput
        {
            Kind = "voluntary_dissolution", RegistryNumber = number,
            Documents = [new DocumentReference { FileName = "pv-dissolution.pdf", MediaType = "application/pdf", Size = 1000, Sha256 = new string('d', 64) }],
        }, NewKey());
        dissolution.ProvinceCode.Should().Be(Rabat);
        dissolution = await representative.DepositDeclarationAsync(dissolution.Id, Attest, dissolution.Etag);
        var wrongTerritory = () => agent.DecideDeclarationAsync(dissolution.Id, new DecisionInput { Decision = "issue_receipt" }, dissolution.Etag);
        (await wrongTerritory.Should().ThrowAsync<RegistryApiException>()).Which.StatusCode.Should().Be(404);
        await rabatAgent.DecideDeclarationAsync(dissolution.Id, new DecisionInput { Decision = "issue_receipt" }, dissolution.Etag);

        (await AssociationStatus(number)).Should().Be("dissolved");
        (await History(number)).Should().Contain(["change_declared", "change_registered", "dissolved"]);
    }

    [Fact]
    public async Task A_representative_lists_their_declarations_by_pages()
    {
        var representative = await api.As("representative", "rep-pages");
        var ids = new List<long>();
        for (var i = 0; i < 3; i++) ids.Add((await representative.CreateDeclarationAsync(Founding(name: $"Association Page {i}"), NewKey())).Id);

        var first = await representative.ListDeclarationsAsync(limit: 2);
        var second = await representative.ListDeclarationsAsync(after: first.Next, limit: 2);

        first.Items.Select(d => d.Id).Should().Equal(ids.Take(2));
        second.Items.Select(d => d.Id).Should().Equal(ids.Skip(2));
        second.Next.Should().BeNull();
        var badFilter = () => representative.ListDeclarationsAsync(status: "approved");
        (await badFilter.Should().ThrowAsync<RegistryApiException>()).Which.StatusCode.Should().Be(400);
    }

    [Fact]
    public async Task Nothing_the_api_logs_carries_a_members_personal_data()
    {
        var representative = await api.As("representative", "rep-logs");
        var agent = await api.As("agent", "agent-logs", Casablanca);
        var draft = await representative.CreateDeclarationAsync(Founding(), NewKey());
        var deposited = await representative.DepositDeclarationAsync(draft.Id, Attest, draft.Etag);
        await agent.DecideDeclarationAsync(draft.Id, new DecisionInput { Decision = "issue_receipt" }, deposited.Etag);
        var invalid = Founding();
        invalid.Members![0].Cin = "ZZ999X01";
        var refused = () => representative.CreateDeclarationAsync(invalid, NewKey());
        await refused.Should().ThrowAsync<RegistryApiException>();

        api.Logs.Lines.Should().NotBeEmpty();
        api.Logs.Lines.Should().NotContain(line => line.Contains("ZZ999") || line.Contains("Bennani") || line.Contains("derb Sidi Ali"));
    }

    private Task<string> AssociationStatus(string registryNumber) => api.Database.ReadAsync((c, _) =>
        c.ExecuteScalarAsync<string>("SELECT status FROM associations WHERE registry_number = @registryNumber", new { registryNumber })!, default).AsTask()!;

    private Task<string> Province(string registryNumber) => api.Database.ReadAsync((c, _) =>
        c.ExecuteScalarAsync<string>("SELECT province_code FROM associations WHERE registry_number = @registryNumber", new { registryNumber })!, default).AsTask()!;

    private async Task<List<string>> History(string registryNumber) => await api.Database.ReadAsync(async (c, _) =>
        (await c.QueryAsync<string>("""
            SELECT h.type FROM association_history h JOIN associations a ON a.id = h.association_id
            WHERE a.registry_number = @registryNumber ORDER BY h.id
            """, new { registryNumber })).AsList(), default);

    private async Task<List<string>> Audit(long id) => await api.Database.ReadAsync(async (c, _) =>
        (await c.QueryAsync<string>("SELECT action FROM audit_log WHERE entity = 'declaration' AND entity_id = @id ORDER BY id",
            new { id = id.ToString(System.Globalization.CultureInfo.InvariantCulture) })).AsList(), default);
}
