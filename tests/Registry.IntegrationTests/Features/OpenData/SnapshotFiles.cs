using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Microsoft.VisualBasic.FileIO;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Parquet;
using Parquet.Serialization;
using Registry.Client;

namespace Registry.IntegrationTests.Features.OpenData;

/// <summary>Reads the published files back with real readers, each into rows of column name → text.</summary>
public static class SnapshotFiles
{
    public static async Task<Catalogue> LatestAsync(RegistryApiClient sdk)
    {
        for (var i = 0; i < 300; i++)
        {
            var catalogue = await sdk.GetOpenDataCatalogueAsync();
            if (catalogue.Latest is not null) return catalogue;
            await Task.Delay(100);
        }
        throw new TimeoutException("No snapshot was taken at start-up.");
    }

    public static List<Dictionary<string, string?>> Csv(byte[] bytes)
    {
        using var parser = new TextFieldParser(new MemoryStream(bytes), Encoding.UTF8, detectEncoding: true)
        {
            TextFieldType = FieldType.Delimited,
            Delimiters = [","],
            HasFieldsEnclosedInQuotes = true,
            TrimWhiteSpace = false,
        };
        var header = parser.ReadFields()!;
        var rows = new List<Dictionary<string, string?>>();
        while (parser.ReadFields() is { } fields)
            rows.Add(header.Select((h, i) => (h, v: fields[i])).ToDictionary(x => x.h, x => x.v.Length > 0 ? x.v : null));
        return rows;
    }

    public static List<Dictionary<string, string?>> Ndjson(byte[] bytes) =>
        Encoding.UTF8.GetString(bytes).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement.EnumerateObject()
                .ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.Null ? null : p.Value.GetString()))
            .ToList();

    public static List<Dictionary<string, string?>> Xlsx(byte[] bytes, out bool headerFrozen)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var part = document.WorkbookPart!.WorksheetParts.Single();
        var pane = part.Worksheet.Descendants<Pane>().SingleOrDefault();
        headerFrozen = pane?.State?.Value == PaneStateValues.Frozen && pane.VerticalSplit?.Value == 1 && pane.TopLeftCell?.Value == "A2";
        var styles = document.WorkbookPart.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<CellFormat>().ToList();
        var rows = part.Worksheet.Descendants<Row>().ToList();
        var header = rows[0].Elements<Cell>().Select(c => c.InnerText).ToList();
        return rows.Skip(1).Select(r =>
        {
            var cells = r.Elements<Cell>().ToList();
            return header.Select((h, i) => (h, Value: Text(cells[i], styles))).ToDictionary(x => x.h, x => x.Value);
        }).ToList();
    }

    private static string? Text(Cell cell, List<CellFormat> styles)
    {
        if (cell.DataType?.Value == CellValues.InlineString) return cell.InlineString!.InnerText;
        if (cell.CellValue is null) return null;
        var number = double.Parse(cell.CellValue.Text, CultureInfo.InvariantCulture);
        var format = styles[(int)(cell.StyleIndex?.Value ?? 0)].NumberFormatId!.Value;
        var date = DateTime.FromOADate(number);
        return format == 14 ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : date.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
    }

    public static async Task<List<Dictionary<string, string?>>> ParquetAsync(byte[] bytes)
    {
        var result = await ParquetSerializer.DeserializeUntypedAsync(new MemoryStream(bytes), new ParquetOptions { UseDateOnlyTypeForDates = true });
        var names = result.Schema.GetDataFields().Select(f => f.Name).ToList();
        return result.Data.Select(row => names.ToDictionary(n => n, n => row.TryGetValue(n, out var value) ? value : null)).Select(row => row.ToDictionary(kv => kv.Key, kv => kv.Value switch
        {
            null => null,
            DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            DateTime t => t.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            var v => v.ToString(),
        })).ToList();
    }

    public static byte[] Gunzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress)) gzip.CopyTo(output);
        return output.ToArray();
    }
}
