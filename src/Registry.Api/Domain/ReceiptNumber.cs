using System.Globalization;
using System.Text.RegularExpressions;

namespace Registry.Api.Domain;

public enum ReceiptType { Provisional, Definitive }

/// <summary>
/// A receipt's number: <c>RP</c> (récépissé provisoire) or <c>RD</c> (définitif), the province of the authority, the
/// year, and a sequence drawn from the database's counter, e.g. <c>RP-06.141-2026-000042</c>. The sequence alone is
/// unique across the register, so a number is never given twice.
/// </summary>
public static partial class ReceiptNumber
{
    public static string Format(ReceiptType type, string provinceCode, int year, long sequence)
    {
        if (!ProvinceCode().IsMatch(provinceCode)) throw new ArgumentException("A province code is written RR.PPP.", nameof(provinceCode));
        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, 1);
        var prefix = type == ReceiptType.Provisional ? "RP" : "RD";
        return string.Create(CultureInfo.InvariantCulture, $"{prefix}-{provinceCode}-{year:D4}-{sequence:D6}");
    }

    public static bool TryParse(string? text, out ReceiptType type, out string provinceCode, out int year, out long sequence)
    {
        type = default; provinceCode = ""; year = 0; sequence = 0;
        var m = Pattern().Match(text ?? "");
        if (!m.Success) return false;
        type = m.Groups[1].Value == "RP" ? ReceiptType.Provisional : ReceiptType.Definitive;
        provinceCode = m.Groups[2].Value;
        year = int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture);
        sequence = long.Parse(m.Groups[4].Value, CultureInfo.InvariantCulture);
        return sequence > 0;
    }

    [GeneratedRegex(@"^\d{2}\.\d{3}$")]
    public static partial Regex ProvinceCode();

    [GeneratedRegex(@"^(RP|RD)-(\d{2}\.\d{3})-(\d{4})-(\d{6,})$")]
    private static partial Regex Pattern();
}
