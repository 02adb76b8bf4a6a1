using System.Text.Json.Nodes;
using FastEndpoints;
using Microsoft.Extensions.Options;

namespace Registry.Api.Features.OpenData;

/// <summary>The data dictionary, in the two forms data tools read: W3C CSVW metadata and a Frictionless data package.</summary>
public static class Dictionary
{
    /// <summary>CSVW and Frictionless name these types alike.</summary>
    private static string DataType(ColumnType t) => t switch { ColumnType.Date => "date", ColumnType.Timestamp => "datetime", _ => "string" };

    public static JsonObject Csvw(OpenDataOptions o) => new()
    {
        ["@context"] = new JsonArray("http://www.w3.org/ns/csvw", new JsonObject { ["@language"] = "fr" }),
        ["url"] = "/v1/open-data/latest/associations.csv",
        ["dc:title"] = "Registre national des associations du Maroc",
        ["dc:publisher"] = o.Publisher,
        ["dc:license"] = new JsonObject { ["@id"] = o.LicenceUrl },
        ["dc:rights"] = o.LicenceName,
        ["dialect"] = new JsonObject { ["encoding"] = "utf-8", ["header"] = true, ["delimiter"] = ",", ["lineTerminators"] = new JsonArray("\r\n") },
        ["tableSchema"] = new JsonObject
        {
            ["primaryKey"] = "registry_number",
            ["columns"] = new JsonArray(RegisterColumns.All.Select(c => (JsonNode)new JsonObject
            {
                ["name"] = c.Name,
                ["titles"] = new JsonObject { ["fr"] = c.TitleFr },
                ["datatype"] = DataType(c.Type),
                ["required"] = c.Name is "registry_number" or "kind" or "scope" or "status" or "founded_on",
                ["dc:description"] = new JsonArray(
                    new JsonObject { ["@value"] = c.DescriptionFr, ["@language"] = "fr" },
                    new JsonObject { ["@value"] = c.DescriptionAr, ["@language"] = "ar" }),
                ["example"] = c.Example,
            }).ToArray()),
        },
    };

    public static JsonObject DataPackage(OpenDataOptions o) => new()
    {
        ["name"] = "registre-associations-maroc",
        ["title"] = "Registre national des associations du Maroc",
        ["licenses"] = new JsonArray(new JsonObject { ["path"] = o.LicenceUrl, ["title"] = o.LicenceName }),
        ["sources"] = new JsonArray(new JsonObject { ["title"] = o.Publisher }),
        ["resources"] = new JsonArray(new JsonObject
        {
            ["name"] = "associations",
            ["path"] = "/v1/open-data/latest/associations.csv",
            ["format"] = "csv",
            ["mediatype"] = "text/csv",
            ["encoding"] = "utf-8-sig",
            ["schema"] = new JsonObject
            {
                ["primaryKey"] = "registry_number",
                ["fields"] = new JsonArray(RegisterColumns.All.Select(c => (JsonNode)new JsonObject
                {
                    ["name"] = c.Name,
                    ["title"] = c.TitleFr,
                    ["type"] = DataType(c.Type),
                    ["description"] = c.DescriptionFr,
                    ["description_ar"] = c.DescriptionAr,
                    ["example"] = c.Example,
                }).ToArray()),
            },
        }),
    };
}

public sealed class GetDictionary(IOptions<OpenDataOptions> options) : EndpointWithoutRequest<object>
{
    public override void Configure()
    {
        Get("/v1/open-data/dictionary");
        AllowAnonymous();
        Options(x => x.WithName("getOpenDataDictionary").WithTags("Open data").Produces<object>(200, "application/csvm+json"));
        Summary(s =>
        {
            s.Summary = "Data dictionary (CSVW metadata)";
            s.Description = "W3C CSV on the Web metadata for the published files: each column with its type, description in French and Arabic, and an example.";
        });
    }

    public override Task HandleAsync(CancellationToken ct) =>
        Send.StringAsync(Dictionary.Csvw(options.Value).ToJsonString(Json), contentType: "application/csvm+json; charset=utf-8", cancellation: ct);

    internal static readonly System.Text.Json.JsonSerializerOptions Json = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}

public sealed class GetDataPackage(IOptions<OpenDataOptions> options) : EndpointWithoutRequest<object>
{
    public override void Configure()
    {
        Get("/v1/open-data/datapackage.json");
        AllowAnonymous();
        Options(x => x.WithName("getOpenDataPackage").WithTags("Open data").Produces<object>(200, "application/json"));
        Summary(s =>
        {
            s.Summary = "Data dictionary (Frictionless data package)";
            s.Description = "A Frictionless datapackage.json describing the published CSV: licence, source and the table schema.";
        });
    }

    public override Task HandleAsync(CancellationToken ct) =>
        Send.StringAsync(Dictionary.DataPackage(options.Value).ToJsonString(GetDictionary.Json), contentType: "application/json; charset=utf-8", cancellation: ct);
}

public sealed class GetDcatCatalogue(Snapshots snapshots, IOptions<OpenDataOptions> options) : EndpointWithoutRequest<object>
{
    public override void Configure()
    {
        Get("/v1/open-data/catalog.jsonld");
        AllowAnonymous();
        Options(x => x.WithName("getOpenDataDcatCatalogue").WithTags("Open data").Produces<object>(200, "application/ld+json"));
        Summary(s =>
        {
            s.Summary = "Catalogue as DCAT-AP JSON-LD";
            s.Description = "The catalogue in DCAT-AP, for data portals to harvest: one dataset, one distribution per file of the latest snapshot.";
        });
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        var catalogue = await Catalogue.BuildAsync(snapshots, options.Value, ct);
        var baseUrl = $"{HttpContext.Request.Scheme}://{HttpContext.Request.Host}";
        var o = options.Value;
        var dcat = new JsonObject
        {
            ["@context"] = new JsonObject
            {
                ["dcat"] = "http://www.w3.org/ns/dcat#", ["dct"] = "http://purl.org/dc/terms/", ["foaf"] = "http://xmlns.com/foaf/0.1/",
                ["xsd"] = "http://www.w3.org/2001/XMLSchema#",
            },
            ["@id"] = baseUrl + "/v1/open-data/catalog.jsonld",
            ["@type"] = "dcat:Catalog",
            ["dct:title"] = catalogue.Title,
            ["dct:publisher"] = new JsonObject { ["@type"] = "foaf:Agent", ["foaf:name"] = o.Publisher },
            ["dct:license"] = new JsonObject { ["@id"] = o.LicenceUrl },
            ["dcat:dataset"] = new JsonArray(new JsonObject
            {
                ["@id"] = baseUrl + "/v1/open-data",
                ["@type"] = "dcat:Dataset",
                ["dct:title"] = new JsonArray(
                    new JsonObject { ["@value"] = "Registre national des associations du Maroc", ["@language"] = "fr" },
                    new JsonObject { ["@value"] = "السجل الوطني للجمعيات بالمغرب", ["@language"] = "ar" }),
                ["dct:description"] = new JsonObject { ["@value"] = "Fiches publiques des associations, unions et fédérations déclarées au Maroc (sans données personnelles).", ["@language"] = "fr" },
                ["dct:publisher"] = new JsonObject { ["@type"] = "foaf:Agent", ["foaf:name"] = o.Publisher },
                ["dct:license"] = new JsonObject { ["@id"] = o.LicenceUrl },
                ["dct:spatial"] = new JsonObject { ["@id"] = "http://publications.europa.eu/resource/authority/country/MAR" },
                ["dct:accrualPeriodicity"] = new JsonObject { ["@id"] = "http://publications.europa.eu/resource/authority/frequency/DAILY" },
                ["dct:modified"] = catalogue.Latest is null ? null : new JsonObject { ["@value"] = catalogue.Latest.TakenAt.ToString("O"), ["@type"] = "xsd:dateTime" },
                ["dcat:distribution"] = new JsonArray((catalogue.Latest?.Files ?? []).Select(f => (JsonNode)new JsonObject
                {
                    ["@type"] = "dcat:Distribution",
                    ["dcat:downloadURL"] = new JsonObject { ["@id"] = baseUrl + f.Url },
                    ["dcat:mediaType"] = f.MediaType,
                    ["dct:format"] = f.Format,
                    ["dcat:byteSize"] = new JsonObject { ["@value"] = f.SizeBytes.ToString(System.Globalization.CultureInfo.InvariantCulture), ["@type"] = "xsd:decimal" },
                    ["spdx:checksum"] = new JsonObject { ["spdx:algorithm"] = "sha256", ["spdx:checksumValue"] = f.Sha256 },
                    ["dct:license"] = new JsonObject { ["@id"] = o.LicenceUrl },
                }).ToArray()),
            }),
        };
        ((JsonObject)dcat["@context"]!)["spdx"] = "http://spdx.org/rdf/terms#";
        await Send.StringAsync(dcat.ToJsonString(GetDictionary.Json), contentType: "application/ld+json; charset=utf-8", cancellation: ct);
    }
}
