using System.Text.Json.Nodes;

namespace Registry.IntegrationTests.Features;

/// <summary>
/// The committed document is the contract the SDK is generated from: it must be the one the API serves.
/// <c>scripts/update-openapi</c> rewrites it after an intended API change.
/// </summary>
[Collection(nameof(ApiCollection))]
public sealed class OpenApiDocumentTests(RegistryApiFactory api)
{
    private static readonly string CommittedPath = Path.GetFullPath(Path.Combine(
        AppContext.BaseDirectory, "..", "..", "..", "..", "..", "openapi", "registry.v1.json"));

    [Fact]
    public async Task The_served_document_is_the_committed_one()
    {
        var served = JsonNode.Parse(await api.CreateClient().GetStringAsync("/openapi/v1.json"));
        var committed = JsonNode.Parse(await File.ReadAllTextAsync(CommittedPath));

        JsonNode.DeepEquals(served, committed).Should().BeTrue(
            "the API changed: run scripts/update-openapi and commit openapi/registry.v1.json with the change");
    }

    [Fact]
    public async Task Every_operation_has_an_id_and_a_summary()
    {
        var document = JsonNode.Parse(await api.CreateClient().GetStringAsync("/openapi/v1.json"))!;
        var operations = document["paths"]!.AsObject()
            .SelectMany(p => p.Value!.AsObject().Select(o => (Path: p.Key, Method: o.Key, Operation: o.Value!)))
            .ToList();

        operations.Should().NotBeEmpty();
        operations.Should().OnlyContain(o => !string.IsNullOrWhiteSpace((string?)o.Operation["operationId"]), "operation ids become SDK method names");
        operations.Should().OnlyContain(o => !string.IsNullOrWhiteSpace((string?)o.Operation["summary"]), "summaries become SDK docs");
        document["openapi"]!.GetValue<string>().Should().StartWith("3.0");
    }
}
