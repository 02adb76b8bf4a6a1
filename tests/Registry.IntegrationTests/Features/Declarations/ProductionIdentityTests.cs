using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Registry.IntegrationTests.Features.Declarations;

/// <summary>Outside Development the API signs nothing: its token route answers 404, and its development tokens are worthless.</summary>
public sealed class ProductionApiFactory : WebApplicationFactory<Program>
{
    public string DatabasePath { get; } = Path.Combine(Path.GetTempPath(), $"registry-production-{Guid.NewGuid():N}.db");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("Database:ConnectionString", $"Data Source={DatabasePath}");
        builder.UseSetting("Auth:DevSigningKey", Convert.ToBase64String(new byte[32]));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            File.Delete(DatabasePath + suffix);
    }
}

public sealed class ProductionIdentityTests(ProductionApiFactory api) : IClassFixture<ProductionApiFactory>
{
    [Fact]
    public async Task The_dev_token_route_answers_404()
    {
        var response = await api.CreateClient().PostAsync("/v1/dev/tokens",
            new StringContent("""{"role":"registrar","subject":"me"}""", System.Text.Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_token_signed_like_a_development_token_is_refused()
    {
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "registry-dev", Audience = "registry-api",
            Claims = new Dictionary<string, object> { ["sub"] = "intruder", ["role"] = "registrar" },
            Expires = DateTime.UtcNow.AddHours(1),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(new byte[32]), SecurityAlgorithms.HmacSha256),
        });
        var http = api.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var response = await http.GetAsync("/v1/declarations");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }
}

/// <summary>Hosts of both environments in one process, as in this test run: FastEndpoints keeps the first one's endpoint list.</summary>
public sealed class MixedEnvironmentTests
{
    [Fact]
    public async Task A_production_host_started_first_leaves_a_development_host_its_dev_tokens()
    {
        using (var production = new ProductionApiFactory())
            (await production.CreateClient().GetAsync("/v1/regions")).StatusCode.Should().Be(HttpStatusCode.OK);

        using var development = new RegistryApiFactory();
        var response = await development.CreateClient().PostAsync("/v1/dev/tokens",
            new StringContent("""{"role":"registrar","subject":"me"}""", System.Text.Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.OK, "a filter at start-up once removed the route from every later host");
    }
}
