using System.Net;
using System.Net.Http.Json;
using Dapper;
using Registry.Client;
using static Registry.IntegrationTests.Features.Declarations.Declarations;

namespace Registry.IntegrationTests.Features.Declarations;

/// <summary>Idempotency-Key on creating POSTs, If-Match on every change.</summary>
public sealed class SafetyTests(WorkflowApiFactory api) : IClassFixture<WorkflowApiFactory>
{
    [Fact]
    public async Task The_same_key_and_body_replays_the_first_answer_without_a_second_declaration()
    {
        var representative = await api.As("representative", "rep-idem-1");
        var key = NewKey();

        var first = await representative.CreateDeclarationAsync(Founding(), key);
        var retry = await representative.CreateDeclarationAsync(Founding(), key);

        retry.Id.Should().Be(first.Id);
        retry.Etag.Should().Be(first.Etag);
        (await representative.ListDeclarationsAsync()).Items.Should().ContainSingle();
    }

    [Fact]
    public async Task A_replay_says_so_and_keeps_status_and_etag()
    {
        var http = await api.HttpAs("representative", "rep-idem-2");
        var key = NewKey();
        HttpRequestMessage Request()
        {
            var r = new HttpRequestMessage(HttpMethod.Post, "/v1/declarations") { Content = JsonContent.Create(Founding()) };
            r.Headers.Add("Idempotency-Key", key);
            return r;
        }

        var first = await http.SendAsync(Request());
        var second = await http.SendAsync(Request());

        first.StatusCode.Should().Be(HttpStatusCode.Created);
        second.StatusCode.Should().Be(HttpStatusCode.Created);
        second.Headers.GetValues("Idempotent-Replayed").Should().Equal("true");
        second.Headers.ETag!.Tag.Should().Be(first.Headers.ETag!.Tag);
        (await second.Content.ReadAsStringAsync()).Should().Be(await first.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_same_key_with_another_body_is_422()
    {
        var representative = await api.As("representative", "rep-idem-3");
        var key = NewKey();
        await representative.CreateDeclarationAsync(Founding(name: "Association Première"), key);

        var reuse = () => representative.CreateDeclarationAsync(Founding(name: "Association Seconde"), key);

        (await reuse.Should().ThrowAsync<RegistryApiException>()).Which.StatusCode.Should().Be(422);
    }

    [Fact]
    public async Task Keys_belong_to_their_caller()
    {
        var key = NewKey();
        var one = await (await api.As("representative", "rep-idem-4a")).CreateDeclarationAsync(Founding(), key);
        var other = await (await api.As("representative", "rep-idem-4b")).CreateDeclarationAsync(Founding(), key);

        other.Id.Should().NotBe(one.Id);
    }

    [Fact]
    public async Task A_retry_while_the_first_request_is_still_running_is_409()
    {
        var representative = await api.As("representative", "rep-idem-5");
        var key = NewKey();
        // The first request's claim, as it stands while that request is being processed.
        var now = api.Clock.GetUtcNow();
        await api.Database.WriteAsync((c, tx, _) => c.ExecuteAsync("""
            INSERT INTO idempotency_keys (principal, idempotency_key, operation, fingerprint, locked_until, created_at, expires_at)
            VALUES ('rep-idem-5', @key, 'createDeclaration', @fingerprint, @lockedUntil, @now, @expires)
            """, new
        {
            key, now, lockedUntil = now.AddMinutes(1), expires = now.AddHours(24),
            fingerprint = Registry.Api.Domain.RequestFingerprint.Of("createDeclaration",
                System.Text.Json.JsonSerializer.Serialize(ToServerInput(Founding()), Registry.Api.Web.Json.Options)),
        }, tx), default);

        var retry = () => representative.CreateDeclarationAsync(Founding(), key);

        (await retry.Should().ThrowAsync<RegistryApiException>()).Which.StatusCode.Should().Be(409);
    }

    [Fact]
    public async Task Concurrent_retries_of_one_request_create_one_declaration()
    {
        var representative = await api.As("representative", "rep-idem-8");
        var key = NewKey();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 5).Select(async _ =>
        {
            try
            {
                return (await representative.CreateDeclarationAsync(Founding(), key)).Id;
            }
            catch (RegistryApiException e) when (e.StatusCode == 409)
            {
                return 0L;
            }
        }));

        outcomes.Where(id => id != 0).Distinct().Should().ContainSingle("every answer is the first request's, or 409 while it runs");
        (await representative.ListDeclarationsAsync()).Items.Should().ContainSingle();
    }

    [Fact]
    public async Task A_deposit_retried_with_its_key_returns_the_first_answer_not_412()
    {
        var representative = await api.As("representative", "rep-idem-9");
        var draft = await representative.CreateDeclarationAsync(Founding(), NewKey());
        var key = NewKey();

        var first = await representative.DepositDeclarationAsync(draft.Id, Attest, draft.Etag, key);
        var retry = await representative.DepositDeclarationAsync(draft.Id, Attest, draft.Etag, key);

        retry.ProvisionalReceiptNumber.Should().Be(first.ProvisionalReceiptNumber);
        retry.Version.Should().Be(first.Version);
    }

    [Fact]
    public async Task Creating_without_a_key_is_400_and_a_failed_request_releases_its_key()
    {
        var representative = await api.As("representative", "rep-idem-6");
        var noKey = () => representative.CreateDeclarationAsync(Founding());
        (await noKey.Should().ThrowAsync<RegistryApiException>()).Which.StatusCode.Should().Be(400);

        var key = NewKey();
        var unknownDomain = Founding();
        unknownDomain.Association!.Domains = ["astrology"];
        var refused = () => representative.CreateDeclarationAsync(unknownDomain, key);
        (await refused.Should().ThrowAsync<RegistryApiException>()).Which.StatusCode.Should().Be(422);

        var corrected = await representative.CreateDeclarationAsync(Founding(), key);
        corrected.Status.Should().Be("draft");
    }

    [Fact]
    public async Task Keys_expire_after_24_hours()
    {
        var key = NewKey();
        var first = await (await api.As("representative", "rep-idem-7")).CreateDeclarationAsync(Founding(), key);
        api.Clock.Advance(TimeSpan.FromHours(25));

        var later = await (await api.As("representative", "rep-idem-7")).CreateDeclarationAsync(Founding(), key);

        later.Id.Should().NotBe(first.Id);
    }

    [Fact]
    public async Task Changes_without_if_match_are_428_and_with_a_stale_etag_412()
    {
        var representative = await api.As("representative", "rep-match");
        var draft = await representative.CreateDeclarationAsync(Founding(), NewKey());

        var missing = () => representative.UpdateDeclarationAsync(draft.Id, Founding(name: "Autre"));
        (await missing.Should().ThrowAsync<RegistryApiException>()).Which.StatusCode.Should().Be(428);
        var depositMissing = () => representative.DepositDeclarationAsync(draft.Id, Attest);
        (await depositMissing.Should().ThrowAsync<RegistryApiException>()).Which.StatusCode.Should().Be(428);

        var edited = await representative.UpdateDeclarationAsync(draft.Id, Founding(name: "Autre"), draft.Etag);
        var stale = () => representative.UpdateDeclarationAsync(draft.Id, Founding(name: "Encore"), draft.Etag);
        (await stale.Should().ThrowAsync<RegistryApiException>()).Which.StatusCode.Should().Be(412);
        var staleDeposit = () => representative.DepositDeclarationAsync(draft.Id, Attest, draft.Etag);
        (await staleDeposit.Should().ThrowAsync<RegistryApiException>()).Which.StatusCode.Should().Be(412);
        var garbage = () => representative.DepositDeclarationAsync(draft.Id, Attest, "yesterday");
        (await garbage.Should().ThrowAsync<RegistryApiException>()).Which.StatusCode.Should().Be(412);

        (await representative.DepositDeclarationAsync(draft.Id, Attest, edited.Etag)).Status.Should().Be("deposited");
    }

    [Fact]
    public async Task Clients_cannot_set_status_receipts_or_reviewer_fields()
    {
        var http = await api.HttpAs("representative", "rep-forger");
        var body = System.Text.Json.Nodes.JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(Founding()))!.AsObject();
        body["status"] = "receipt_issued";
        body["provisionalReceiptNumber"] = "RP-06.141-2026-999999";
        body["definitiveReceiptNumber"] = "RD-06.141-2026-999999";
        body["decidedBy"] = "agent-casa";
        body["filedBy"] = "someone-else";
        body["version"] = 42;
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/declarations")
        {
            Content = new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Idempotency-Key", NewKey());

        var created = await (await http.SendAsync(request)).Content.ReadFromJsonAsync<Declaration>();

        created!.Status.Should().Be("draft");
        created.ProvisionalReceiptNumber.Should().BeNull();
        created.DefinitiveReceiptNumber.Should().BeNull();
        created.DecidedBy.Should().BeNull();
        created.FiledBy.Should().Be("rep-forger");
        created.Version.Should().Be(1);
    }

    [Fact]
    public async Task Reading_a_declaration_gives_its_etag_header()
    {
        var http = await api.HttpAs("representative", "rep-etag");
        var representative = await api.As("representative", "rep-etag");
        var draft = await representative.CreateDeclarationAsync(Founding(), NewKey());

        var response = await http.GetAsync($"/v1/declarations/{draft.Id}");

        response.Headers.ETag!.Tag.Should().Be(draft.Etag);
    }

    private static Registry.Api.Features.Declarations.DeclarationInput ToServerInput(DeclarationInput input) =>
        System.Text.Json.JsonSerializer.Deserialize<Registry.Api.Features.Declarations.DeclarationInput>(
            System.Text.Json.JsonSerializer.Serialize(input), Registry.Api.Web.Json.Options)!.Normalised();
}
