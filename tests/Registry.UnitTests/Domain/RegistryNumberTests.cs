using Registry.Api.Domain;

namespace Registry.UnitTests.Domain;

public sealed class RegistryNumberTests
{
    [Theory]
    [InlineData(1_000_001)]
    [InlineData(1_234_567)]
    [InlineData(9_999_999)]
    public void Formats_and_parses_back(long sequence)
    {
        var number = new RegistryNumber(sequence);

        RegistryNumber.Check(number.ToString(), out var parsed).Should().Be(RegistryNumberCheck.Valid);

        parsed.Should().Be(number);
        number.ToString().Should().MatchRegex(@"^\d{7}-\d{2}$");
    }

    [Fact]
    public void Check_digits_follow_iso_7064_mod_97_10()
    {
        // (sequence * 100 + check) mod 97 == 1 is the MOD 97-10 rule also used by IBANs.
        for (long s = RegistryNumber.FirstSequence; s < RegistryNumber.FirstSequence + 500; s++)
            ((s * 100 + RegistryNumber.CheckDigitsOf(s)) % 97).Should().Be(1);
    }

    [Fact]
    public void Every_single_mistyped_digit_is_caught()
    {
        var text = new RegistryNumber(1_234_567).ToString().Replace("-", "");
        for (var position = 0; position < text.Length; position++)
        for (var digit = '0'; digit <= '9'; digit++)
        {
            if (text[position] == digit) continue;
            var typo = text[..position] + digit + text[(position + 1)..];
            RegistryNumber.Check(typo, out _).Should().NotBe(RegistryNumberCheck.Valid, $"'{typo}' is a typo of '{text}'");
        }
    }

    [Fact]
    public void Swapped_adjacent_digits_are_caught()
    {
        var text = new RegistryNumber(1_234_567).ToString().Replace("-", "");
        for (var i = 0; i < text.Length - 1; i++)
        {
            if (text[i] == text[i + 1]) continue;
            var swapped = text[..i] + text[i + 1] + text[i] + text[(i + 2)..];
            RegistryNumber.Check(swapped, out _).Should().NotBe(RegistryNumberCheck.Valid);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("12345")]
    [InlineData("ABCDEFG-12")]
    [InlineData("0000001-97")]
    [InlineData("1000001-000")]
    [InlineData("١٠٠٠٠٠١-٩٤")]
    public void Malformed_numbers_are_told_apart_from_wrong_check_digits(string? text) =>
        RegistryNumber.Check(text, out _).Should().Be(RegistryNumberCheck.Malformed);

    [Fact]
    public void A_wrong_check_digit_is_reported_as_such()
    {
        var good = new RegistryNumber(1_000_042).ToString();
        var bad = good[..^1] + (good[^1] == '0' ? '1' : '0');

        RegistryNumber.Check(bad, out var parsed).Should().Be(RegistryNumberCheck.WrongCheckDigits);
        parsed.Should().BeNull();
    }

    [Fact]
    public void Accepts_the_number_without_its_hyphen_and_with_spaces()
    {
        var number = new RegistryNumber(1_000_042);

        RegistryNumber.Check($"  {number.ToString().Replace("-", "")} ", out var parsed).Should().Be(RegistryNumberCheck.Valid);
        parsed.Should().Be(number);
    }
}
