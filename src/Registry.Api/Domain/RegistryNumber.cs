using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Registry.Api.Domain;

public enum RegistryNumberCheck { Valid, Malformed, WrongCheckDigits }

/// <summary>
/// The association's number in the register: a seven-digit sequence and two ISO 7064 MOD 97-10 check digits,
/// written <c>1000042-85</c>. The check digits catch every single mistyped digit and almost every swap of two.
/// </summary>
public readonly record struct RegistryNumber
{
    public const long FirstSequence = 1_000_001;
    public const long LastSequence = 9_999_999;

    public long Sequence { get; }

    public RegistryNumber(long sequence)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, FirstSequence);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sequence, LastSequence);
        Sequence = sequence;
    }

    public int CheckDigits => CheckDigitsOf(Sequence);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Sequence:D7}-{CheckDigits:D2}");

    public static int CheckDigitsOf(long sequence) => (int)(98 - sequence * 100 % 97);

    /// <summary>Accepts <c>1000042-85</c>, and the same without the hyphen or with spaces around it.</summary>
    public static RegistryNumberCheck Check(string? text, [NotNullWhen(true)] out RegistryNumber? number)
    {
        number = null;
        var digits = (text ?? "").Trim().Replace("-", "", StringComparison.Ordinal);
        if (digits.Length != 9 || !digits.All(char.IsAsciiDigit)) return RegistryNumberCheck.Malformed;
        var sequence = long.Parse(digits.AsSpan(0, 7), CultureInfo.InvariantCulture);
        var check = int.Parse(digits.AsSpan(7, 2), CultureInfo.InvariantCulture);
        if (sequence < FirstSequence) return RegistryNumberCheck.Malformed;
        if ((sequence * 100 + check) % 97 != 1) return RegistryNumberCheck.WrongCheckDigits;
        number = new RegistryNumber(sequence);
        return RegistryNumberCheck.Valid;
    }
}
