using Registry.Api.Domain;

namespace Registry.UnitTests.Domain;

public sealed class ReceiptNumberTests
{
    [Theory]
    [InlineData(ReceiptType.Provisional, "06.141", 2026, 42, "RP-06.141-2026-000042")]
    [InlineData(ReceiptType.Definitive, "04.421", 2027, 1, "RD-04.421-2027-000001")]
    [InlineData(ReceiptType.Provisional, "12.391", 2026, 1234567, "RP-12.391-2026-1234567")]
    public void Formats_type_province_year_and_sequence(ReceiptType type, string province, int year, long sequence, string expected)
    {
        var number = ReceiptNumber.Format(type, province, year, sequence);

        number.Should().Be(expected);
        ReceiptNumber.TryParse(number, out var t, out var p, out var y, out var s).Should().BeTrue();
        (t, p, y, s).Should().Be((type, province, year, sequence));
    }

    [Theory]
    [InlineData("")]
    [InlineData("RP-06141-2026-000042")]
    [InlineData("RX-06.141-2026-000042")]
    [InlineData("RP-06.141-2026-000000")]
    [InlineData("RP-06.141-26-000042")]
    public void Rejects_what_is_not_a_receipt_number(string text) =>
        ReceiptNumber.TryParse(text, out _, out _, out _, out _).Should().BeFalse();

    [Fact]
    public void Needs_a_province_code_and_a_positive_sequence()
    {
        var badProvince = () => ReceiptNumber.Format(ReceiptType.Provisional, "Casablanca", 2026, 1);
        var badSequence = () => ReceiptNumber.Format(ReceiptType.Provisional, "06.141", 2026, 0);

        badProvince.Should().Throw<ArgumentException>();
        badSequence.Should().Throw<ArgumentOutOfRangeException>();
    }
}
