using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Data.Sqlite;
using Registry.Client;

namespace Registry.IntegrationTests.Features.OpenData;

[Collection(nameof(ApiCollection))]
public sealed class OpenDataTests(RegistryApiFactory api)
{
    private readonly RegistryApiClient _sdk = api.Sdk();
    private readonly HttpClient _http = api.CreateClient();

    private static readonly string[] PersonalDataWords = ["cin", "birth", "naissance", "nationality", "profession", "home", "member", "bureau", "first_name", "last_name"];

    [Fact]
    public async Task The_first_snapshot_is_taken_after_seeding_and_listed_with_its_licence()
    {
        var catalogue = await SnapshotFiles.LatestAsync(_sdk);

        var latest = catalogue.Latest!;
        latest.RowCount.Should().Be(await CountAssociationsAsync());
        latest.Files.Select(f => f.FileName).Should().BeEquivalentTo(
            "associations.csv", "associations.csv.gz", "associations.ndjson", "associations.ndjson.gz", "associations.xlsx", "associations.parquet");
        catalogue.Snapshots.Should().ContainSingle(s => s.Id == latest.Id);
        catalogue.Licence.Name.Should().NotBeNullOrEmpty();
        catalogue.Licence.Url.Should().StartWith("https://");
        catalogue.Licence.Attribution.Should().NotBeNullOrEmpty();

        await using var db = new SqliteConnection($"Data Source={api.DatabasePath}");
        var published = await db.ExecuteScalarAsync<long>(
            "SELECT COUNT(DISTINCT registry_number) FROM change_events WHERE position <= @Position", new { Position = latest.FeedPosition });
        published.Should().Be(latest.RowCount!.Value, "the snapshot holds exactly what the change feed published up to its position");
    }

    [Fact]
    public async Task Every_file_is_served_with_the_size_and_checksum_of_the_catalogue()
    {
        var latest = (await SnapshotFiles.LatestAsync(_sdk)).Latest!;

        foreach (var file in latest.Files)
        {
            var response = await _http.GetAsync(file.Url);
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            var bytes = await response.Content.ReadAsByteArrayAsync();
            Convert.ToHexStringLower(SHA256.HashData(bytes)).Should().Be(file.Sha256, file.FileName);
            response.Content.Headers.ContentLength.Should().Be(file.SizeBytes);
            response.Content.Headers.ContentType!.MediaType.Should().Be(file.MediaType.Split(';')[0]);
            response.Headers.ETag!.Tag.Should().Be($"\"{file.Sha256}\"");
            response.Headers.ETag.IsWeak.Should().BeFalse();
            response.Content.Headers.LastModified.Should().NotBeNull();
            response.Content.Headers.ContentDisposition!.FileNameStar.Should().Be($"registre-associations-{latest.Id}{file.FileName["associations".Length..]}");
        }
    }

    [Fact]
    public async Task Conditional_and_range_requests_are_honoured()
    {
        var csv = (await SnapshotFiles.LatestAsync(_sdk)).Latest!.Files.Single(f => f.FileName == "associations.csv");
        var whole = await _http.GetByteArrayAsync(csv.Url);

        var unchanged = new HttpRequestMessage(HttpMethod.Get, csv.Url);
        unchanged.Headers.IfNoneMatch.Add(new EntityTagHeaderValue($"\"{csv.Sha256}\""));
        (await _http.SendAsync(unchanged)).StatusCode.Should().Be(HttpStatusCode.NotModified);

        var part = new HttpRequestMessage(HttpMethod.Get, csv.Url);
        part.Headers.Range = new RangeHeaderValue(100, 199);
        var partial = await _http.SendAsync(part);
        partial.StatusCode.Should().Be(HttpStatusCode.PartialContent);
        (await partial.Content.ReadAsByteArrayAsync()).Should().Equal(whole[100..200]);

        var beyond = new HttpRequestMessage(HttpMethod.Get, csv.Url);
        beyond.Headers.Range = new RangeHeaderValue(whole.Length + 10, null);
        (await _http.SendAsync(beyond)).StatusCode.Should().Be(HttpStatusCode.RequestedRangeNotSatisfiable);

        var dated = await _http.GetAsync(csv.Url.Replace("/latest/", $"/{(await SnapshotFiles.LatestAsync(_sdk)).Latest!.Id}/"));
        dated.StatusCode.Should().Be(HttpStatusCode.OK);
        dated.Headers.CacheControl!.ToString().Should().Contain("immutable");
    }

    [Fact]
    public async Task The_four_formats_hold_the_same_rows_and_values_as_the_database()
    {
        var latest = (await SnapshotFiles.LatestAsync(_sdk)).Latest!;
        async Task<byte[]> Get(string name) => await _http.GetByteArrayAsync(latest.Files.Single(f => f.FileName == name).Url);

        var csv = SnapshotFiles.Csv(await Get("associations.csv"));
        var csvGz = SnapshotFiles.Csv(SnapshotFiles.Gunzip(await Get("associations.csv.gz")));
        var ndjson = SnapshotFiles.Ndjson(await Get("associations.ndjson"));
        var ndjsonGz = SnapshotFiles.Ndjson(SnapshotFiles.Gunzip(await Get("associations.ndjson.gz")));
        var xlsx = SnapshotFiles.Xlsx(await Get("associations.xlsx"), out var frozen);
        var parquet = await SnapshotFiles.ParquetAsync(await Get("associations.parquet"));

        frozen.Should().BeTrue("the header row of the sheet is frozen");
        csv.Should().HaveCount((int)latest.RowCount!.Value);
        foreach (var other in new[] { csvGz, ndjson, ndjsonGz, xlsx, parquet })
            other.Should().BeEquivalentTo(csv, o => o.WithStrictOrdering());

        await using var db = new SqliteConnection($"Data Source={api.DatabasePath}");
        var numbers = (await db.QueryAsync<string>("SELECT registry_number FROM associations ORDER BY registry_number")).ToList();
        csv.Select(r => r["registry_number"]).Should().Equal(numbers);
        var sample = await db.QuerySingleAsync<(string Number, string NameAr, string Founded)>(
            "SELECT registry_number, name_ar, founded_on FROM associations WHERE name_ar LIKE '%ـ%' ORDER BY id LIMIT 1");
        var row = csv.Single(r => r["registry_number"] == sample.Number);
        row["name_ar"].Should().Be(sample.NameAr, "Arabic text, tatweel included, survives intact");
        row["founded_on"].Should().Be(sample.Founded);
    }

    [Fact]
    public async Task The_dictionary_describes_exactly_the_published_columns_in_french_and_arabic()
    {
        var latest = (await SnapshotFiles.LatestAsync(_sdk)).Latest!;
        var header = SnapshotFiles.Csv(await _http.GetByteArrayAsync(latest.Files.Single(f => f.FileName == "associations.csv").Url))[0].Keys.ToList();

        var csvw = JsonNode.Parse(await _http.GetStringAsync("/v1/open-data/dictionary"))!;
        var columns = csvw["tableSchema"]!["columns"]!.AsArray();
        columns.Select(c => (string)c!["name"]!).Should().Equal(header);
        columns.Should().OnlyContain(c => c!["dc:description"]!.AsArray().Count == 2 && (string)c["datatype"]! != null && (string)c["example"]! != null);

        var package = JsonNode.Parse(await _http.GetStringAsync("/v1/open-data/datapackage.json"))!;
        package["resources"]![0]!["schema"]!["fields"]!.AsArray().Select(f => (string)f!["name"]!).Should().Equal(header);
        package["licenses"]![0]!["path"]!.GetValue<string>().Should().StartWith("https://");

        header.Should().NotContain(h => PersonalDataWords.Any(w => h.Contains(w)), "the files carry the public record only");
    }

    [Fact]
    public async Task The_dcat_catalogue_lists_the_latest_files_with_their_checksums()
    {
        var latest = (await SnapshotFiles.LatestAsync(_sdk)).Latest!;
        var response = await _http.GetAsync("/v1/open-data/catalog.jsonld");

        response.Content.Headers.ContentType!.MediaType.Should().Be("application/ld+json");
        var dcat = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        dcat["@type"]!.GetValue<string>().Should().Be("dcat:Catalog");
        var distributions = dcat["dcat:dataset"]![0]!["dcat:distribution"]!.AsArray();
        distributions.Select(d => (string)d!["spdx:checksum"]!["spdx:checksumValue"]!).Should().BeEquivalentTo(latest.Files.Select(f => f.Sha256));
    }

    [Theory]
    [InlineData("/v1/open-data/19990101T000000Z/associations.csv")]
    [InlineData("/v1/open-data/latest/associations.exe")]
    [InlineData("/v1/open-data/latest/..%2F..%2Fappsettings.json")]
    public async Task Unknown_snapshots_and_files_are_404_problems(string path)
    {
        await SnapshotFiles.LatestAsync(_sdk);

        var response = await _http.GetAsync(path);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    private async Task<long> CountAssociationsAsync()
    {
        await using var db = new SqliteConnection($"Data Source={api.DatabasePath}");
        return await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM associations");
    }
}
