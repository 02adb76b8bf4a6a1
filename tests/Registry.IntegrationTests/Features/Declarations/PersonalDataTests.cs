using System.Net;
using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Registry.Api.Data;
using DemoDeclarations = Registry.Api.Features.Declarations.DemoDeclarations;

namespace Registry.IntegrationTests.Features.Declarations;

/// <summary>Law 09-08: the demo declarations' CINs are canaries; no public answer may ever carry one.</summary>
[Collection(nameof(ApiCollection))]
public sealed class PersonalDataTests(RegistryApiFactory api)
{
    private Database Db => api.Services.GetRequiredService<Database>();

    [Fact]
    public async Task The_demo_declarations_do_hold_canaries_for_their_authorities()
    {
        var registrar = await api.HttpAsAsync("registrar", "registrar-canary");
        var declarations = await registrar.GetStringAsync("/v1/declarations");

        declarations.Should().Contain(DemoDeclarations.CanaryPrefix + "03").And.Contain(DemoDeclarations.CanaryPrefix + "04");
        declarations.Should().NotContain(DemoDeclarations.CanaryPrefix + "01", "a draft is not yet the authorities'");
        var demoRepresentative = await api.HttpAsAsync("representative", DemoDeclarations.Representative);
        (await demoRepresentative.GetStringAsync("/v1/declarations")).Should().Contain(DemoDeclarations.CanaryPrefix + "01");
    }

    [Fact]
    public async Task No_public_answer_carries_a_canary()
    {
        var http = api.CreateClient();
        var document = await http.GetStringAsync("/openapi/v1.json");
        var sample = await Db.ReadAsync((c, _) => c.QuerySingleAsync<(string RegistryNumber, string ProvinceCode, string RegionCode)>(
            "SELECT a.registry_number, a.province_code, a.region_code FROM associations a JOIN declarations d ON d.association_id = a.id ORDER BY d.id LIMIT 1"), default);
        var values = new Dictionary<string, string>
        {
            ["code"] = sample.RegionCode, ["regionCode"] = sample.RegionCode, ["provinceCode"] = sample.ProvinceCode,
            ["registryNumber"] = sample.RegistryNumber, ["number"] = sample.RegistryNumber, ["id"] = "1",
        };
        var publicPaths = JsonNode.Parse(document)!["paths"]!.AsObject()
            .Where(p => p.Value!["get"] is JsonNode get && get["security"] is null)
            .Select(p => values.Aggregate(p.Key, (path, v) => path.Replace("{" + v.Key + "}", Uri.EscapeDataString(v.Value), StringComparison.Ordinal)))
            .Where(p => !p.Contains('{'))
            .ToList();
        publicPaths.Should().Contain(["/v1/regions", "/v1/domains"]);

        var answers = new List<(string Path, string Body)> { ("/openapi/v1.json", document) };
        foreach (var path in publicPaths.Concat(["/health/ready", "/v1/declarations", "/v1/declarations/1"]))
        {
            var response = await http.GetAsync(path);
            answers.Add((path, await response.Content.ReadAsStringAsync()));
        }

        answers.Should().NotContain(a => a.Body.Contains(DemoDeclarations.CanaryPrefix), "bureau members' CINs are never public");
        answers.Should().NotContain(a => a.Body.Contains("rue des Canaris"), "nor their home addresses");
    }

    [Fact]
    public async Task The_public_record_and_its_history_hold_no_personal_data()
    {
        var publicText = await Db.ReadAsync(async (c, _) => string.Join("\n", await c.QueryAsync<string>("""
            SELECT COALESCE(name_fr, '') || ' ' || COALESCE(name_ar, '') || ' ' || object || ' ' || seat_address || ' ' || commune || ' ' ||
                   COALESCE(contact_email, '') || ' ' || COALESCE(contact_phone, '') FROM associations
            UNION ALL SELECT COALESCE(reference, '') || ' ' || COALESCE(summary, '') FROM association_history
            """)), default);

        publicText.Should().NotContain(DemoDeclarations.CanaryPrefix).And.NotContain("Berrada").And.NotContain("rue des Canaris");
    }

    [Fact]
    public async Task Open_data_files_exports_the_page_and_the_change_feed_carry_no_canary()
    {
        var http = api.CreateClient();
        var latest = (await OpenData.SnapshotFiles.LatestAsync(api.Sdk())).Latest!;
        var answers = new List<(string What, string Text)>();
        foreach (var file in latest.Files)
        {
            var bytes = await http.GetByteArrayAsync(file.Url);
            if (file.Compressed == true) bytes = OpenData.SnapshotFiles.Gunzip(bytes);
            var text = file.Format switch
            {
                "xlsx" => string.Join("\n", OpenData.SnapshotFiles.Xlsx(bytes, out _).SelectMany(r => r.Values)),
                "parquet" => string.Join("\n", (await OpenData.SnapshotFiles.ParquetAsync(bytes)).SelectMany(r => r.Values)),
                _ => System.Text.Encoding.UTF8.GetString(bytes),
            };
            answers.Add((file.FileName, text));
        }
        answers.Add(("export.csv", await http.GetStringAsync("/v1/associations/export?format=csv")));
        answers.Add(("/open-data", await http.GetStringAsync("/open-data")));
        answers.Add(("dictionary", await http.GetStringAsync("/v1/open-data/dictionary")));
        var feed = await api.FeedHttpAsync();
        long after = 0;
        while (true)
        {
            var page = await feed.GetStringAsync($"/v1/changes?after={after}&limit=1000");
            answers.Add(($"/v1/changes?after={after}", page));
            var next = JsonNode.Parse(page)!["next"]!.GetValue<long>();
            if (next == after) break;
            after = next;
        }
        answers.Add(("change_events and association_published", await Db.ReadAsync(async (c, _) => string.Join("\n",
            await c.QueryAsync<string>("SELECT record || changed_fields FROM change_events UNION ALL SELECT record FROM association_published")), default)));

        answers.Should().NotBeEmpty();
        answers.Should().NotContain(a => a.Text.Contains(DemoDeclarations.CanaryPrefix), "bureau members' CINs are never published");
        answers.Should().NotContain(a => a.Text.Contains("rue des Canaris"), "nor their home addresses");
    }

    [Fact]
    public async Task Other_representatives_and_other_territories_see_no_one_elses_members()
    {
        var stranger = await api.HttpAsAsync("representative", "rep-stranger");
        var otherAgent = await api.HttpAsAsync("agent", "agent-dakhla", "12.391");

        foreach (var client in new[] { stranger, otherAgent })
        {
            (await client.GetStringAsync("/v1/declarations")).Should().NotContain(DemoDeclarations.CanaryPrefix);
            for (var id = 1; id <= 2; id++)
            {
                var response = await client.GetAsync($"/v1/declarations/{id}");
                response.StatusCode.Should().Be(HttpStatusCode.NotFound);
                (await response.Content.ReadAsStringAsync()).Should().NotContain(DemoDeclarations.CanaryPrefix);
            }
        }
    }

}
