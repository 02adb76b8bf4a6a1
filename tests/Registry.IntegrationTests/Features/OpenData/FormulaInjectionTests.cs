using Microsoft.Extensions.DependencyInjection;
using Registry.Api.Data;
using Registry.Api.Domain;
using Registry.Api.Features.Associations;
using Registry.Api.Features.OpenData;

namespace Registry.IntegrationTests.Features.OpenData;

public sealed class FormulaInjectionTests : IDisposable
{
    private readonly RegistryApiFactory _api = new();

    [Fact]
    public async Task Formula_like_names_are_neutralised_in_csv_and_xlsx_and_kept_as_is_elsewhere()
    {
        var http = _api.CreateClient();
        await SnapshotFiles.LatestAsync(_api.Sdk());
        var db = _api.Services.GetRequiredService<Database>();
        var number = await db.WriteAsync(async (c, tx, _) => (await AssociationWrites.InsertAsync(c, tx, db.Dialect, [new NewAssociation
        {
            Kind = AssociationKind.Association, Scope = AssociationScope.Local, Status = AssociationStatus.Registered,
            NameFr = "=HYPERLINK(\"http://evil.example\",\"Cliquez\")", NameAr = "@جمعية", Object = "+ cmd|' /C calc'!A0",
            SeatAddress = "-1", Commune = "Fès", ProvinceCode = "03.231", RegionCode = "03", FoundedOn = new DateOnly(2020, 1, 1),
        }], DateTimeOffset.UtcNow))[0].Number.ToString(), default);

        var snapshot = await _api.Services.GetRequiredService<Snapshots>().TakeAsync(default);
        async Task<byte[]> Get(string name) => await http.GetByteArrayAsync($"/v1/open-data/{snapshot.Id}/{name}");

        var csv = SnapshotFiles.Csv(await Get("associations.csv")).Single(r => r["registry_number"] == number);
        var xlsx = SnapshotFiles.Xlsx(await Get("associations.xlsx"), out _).Single(r => r["registry_number"] == number);
        var ndjson = SnapshotFiles.Ndjson(await Get("associations.ndjson")).Single(r => r["registry_number"] == number);
        foreach (var row in new[] { csv, xlsx })
        {
            row["name_fr"].Should().StartWith("'=");
            row["name_ar"].Should().Be("'@جمعية");
            row["object"].Should().StartWith("'+");
            row["seat_address"].Should().Be("'-1");
        }
        ndjson["name_fr"].Should().StartWith("=HYPERLINK", "JSON is not run by spreadsheets: the value stays exact");
    }

    [Fact]
    public async Task A_registrar_can_take_a_snapshot_on_demand()
    {
        var before = (await SnapshotFiles.LatestAsync(_api.Sdk())).Latest!;
        var registrar = await _api.HttpAsAsync("registrar", "registrar-open-data");

        var response = await registrar.PostAsync("/v1/open-data/snapshots", null);

        response.StatusCode.Should().Be(System.Net.HttpStatusCode.Accepted);
        response.Headers.Location!.ToString().Should().Be("/v1/open-data");
        for (var i = 0; i < 100 && (await _api.Sdk().GetOpenDataCatalogueAsync()).Latest!.Id == before.Id; i++) await Task.Delay(100);
        var latest = (await _api.Sdk().GetOpenDataCatalogueAsync()).Latest!;
        latest.Id.Should().NotBe(before.Id);
        latest.RowCount.Should().Be(before.RowCount);
    }

    public void Dispose() => _api.Dispose();
}
