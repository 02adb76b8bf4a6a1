using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;

namespace Registry.Api.Features.OpenData;

/// <summary>
/// A one-sheet workbook written as a stream of XML into a zip, so memory stays flat whatever the row count
/// (the OpenXML SDK's package API keeps whole parts in memory). Typed cells: dates are date-formatted numbers,
/// the rest inline strings; the header row is frozen; formula-like text is neutralised.
/// </summary>
public sealed class XlsxRegisterWriter : IRegisterWriter
{
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private readonly ZipArchive _zip;
    private readonly XmlWriter _sheet;
    private int _row = 1;

    public XlsxRegisterWriter(Stream output)
    {
        _zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true, Encoding.UTF8);
        WritePart("[Content_Types].xml", """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>""");
        WritePart("_rels/.rels", """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>""");
        WritePart("xl/workbook.xml", """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="associations" sheetId="1" r:id="rId1"/></sheets></workbook>""");
        WritePart("xl/_rels/workbook.xml.rels", """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>""");
        // Style 1: dates (built-in format 22 would add a time; 14 is the locale's short date). Style 2: bold header.
        WritePart("xl/styles.xml", """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd hh:mm:ss"/></numFmts><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>""");

        var entry = _zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.Fastest);
        _sheet = XmlWriter.Create(entry.Open(), new XmlWriterSettings { Encoding = new UTF8Encoding(false), CheckCharacters = false, Async = true });
        _sheet.WriteStartDocument(standalone: true);
        _sheet.WriteStartElement("worksheet", Main);
        _sheet.WriteStartElement("sheetViews", Main);
        _sheet.WriteStartElement("sheetView", Main);
        _sheet.WriteAttributeString("tabSelected", "1");
        _sheet.WriteAttributeString("workbookViewId", "0");
        _sheet.WriteStartElement("pane", Main);
        _sheet.WriteAttributeString("ySplit", "1");
        _sheet.WriteAttributeString("topLeftCell", "A2");
        _sheet.WriteAttributeString("activePane", "bottomLeft");
        _sheet.WriteAttributeString("state", "frozen");
        _sheet.WriteEndElement();
        _sheet.WriteEndElement();
        _sheet.WriteEndElement();
        _sheet.WriteStartElement("sheetData", Main);
        _sheet.WriteStartElement("row", Main);
        _sheet.WriteAttributeString("r", "1");
        foreach (var column in RegisterColumns.All) WriteText(column.Name, style: 2);
        _sheet.WriteEndElement();
    }

    public ValueTask WriteAsync(RegisterRow row, CancellationToken ct)
    {
        _row++;
        _sheet.WriteStartElement("row", Main);
        _sheet.WriteAttributeString("r", _row.ToString(CultureInfo.InvariantCulture));
        foreach (var column in RegisterColumns.All)
        {
            switch (column.Value(row))
            {
                case null:
                    _sheet.WriteStartElement("c", Main);
                    _sheet.WriteEndElement();
                    break;
                case DateOnly d:
                    WriteNumber(d.ToDateTime(TimeOnly.MinValue).ToOADate(), style: 1);
                    break;
                case DateTimeOffset t:
                    WriteNumber(t.UtcDateTime.ToOADate(), style: 3);
                    break;
                default:
                    WriteText(CellSafety.Neutralise(column.Text(row))!, style: 0);
                    break;
            }
        }
        _sheet.WriteEndElement();
        return ValueTask.CompletedTask;
    }

    private void WriteText(string text, int style)
    {
        _sheet.WriteStartElement("c", Main);
        _sheet.WriteAttributeString("t", "inlineStr");
        if (style != 0) _sheet.WriteAttributeString("s", style.ToString(CultureInfo.InvariantCulture));
        _sheet.WriteStartElement("is", Main);
        _sheet.WriteStartElement("t", Main);
        _sheet.WriteString(XmlSafe(text));
        _sheet.WriteEndElement();
        _sheet.WriteEndElement();
        _sheet.WriteEndElement();
    }

    private void WriteNumber(double value, int style)
    {
        _sheet.WriteStartElement("c", Main);
        _sheet.WriteAttributeString("s", style.ToString(CultureInfo.InvariantCulture));
        _sheet.WriteElementString("v", Main, value.ToString("R", CultureInfo.InvariantCulture));
        _sheet.WriteEndElement();
    }

    /// <summary>XML 1.0 cannot carry most control characters at all; they are dropped.</summary>
    private static string XmlSafe(string text) =>
        text.AsSpan().IndexOfAnyInRange('\0', '\u001f') < 0 ? text : string.Concat(text.Where(c => c >= ' ' || c is '\t' or '\n' or '\r'));

    private void WritePart(string name, string xml)
    {
        using var stream = _zip.CreateEntry(name, CompressionLevel.Fastest).Open();
        stream.Write(Encoding.UTF8.GetBytes(xml));
    }

    public ValueTask CompleteAsync(CancellationToken ct)
    {
        _sheet.WriteEndElement();
        _sheet.WriteEndElement();
        _sheet.WriteEndDocument();
        _sheet.Flush();
        _sheet.Dispose();
        _zip.Dispose();
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        _sheet.Dispose();
        _zip.Dispose();
        return ValueTask.CompletedTask;
    }
}
