using System.Net;
using Microsoft.Data.Sqlite;

namespace Registry.IntegrationTests.Features;

/// <summary>When the database itself fails, the client gets a bare 500 problem: no stack trace, no SQL, no path.</summary>
public sealed class UnexpectedErrorTests : IDisposable
{
    private readonly RegistryApiFactory _api = new();

    [Fact]
    public async Task A_failing_query_is_a_500_problem_without_internals()
    {
        var http = _api.CreateClient();
        (await http.GetAsync("/v1/domains")).EnsureSuccessStatusCode();
        await using (var connection = new SqliteConnection($"Data Source={_api.DatabasePath}"))
        {
            await connection.OpenAsync();
            await using var sabotage = connection.CreateCommand();
            sabotage.CommandText = "ALTER TABLE domains RENAME TO domains_gone";
            await sabotage.ExecuteNonQueryAsync();
        }

        var response = await http.GetAsync("/v1/domains");

        response.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var body = await response.Content.ReadAsStringAsync();
        body.Should().NotContainAny("SqliteException", "   at ", "domains_gone", "no such table", ".cs:line", _api.DatabasePath);
    }

    public void Dispose() => _api.Dispose();
}
