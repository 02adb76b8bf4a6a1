using System.Text;
using Registry.Api.Features.OpenData;

namespace Registry.UnitTests.Features.OpenData;

public sealed class CellSafetyTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")")]
    [InlineData("+212 5 22 00 00 00", "'+212 5 22 00 00 00")]
    [InlineData("-1", "'-1")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tcmd", "'\tcmd")]
    [InlineData("Association Al Amal", "Association Al Amal")]
    [InlineData("جمعية = الأمل", "جمعية = الأمل")]
    [InlineData("", "")]
    [InlineData(null, null)]
    public void Formula_like_cells_get_a_leading_apostrophe(string? value, string? expected) =>
        CellSafety.Neutralise(value).Should().Be(expected);

    [Fact]
    public async Task Csv_quotes_what_must_be_quoted_and_starts_with_a_byte_order_mark()
    {
        var output = new MemoryStream();
        await using (var writer = new CsvRegisterWriter(output))
        {
            await writer.WriteAsync(new RegisterRow
            {
                RegistryNumber = "1000001-14", Kind = "association", Scope = "local", Status = "registered",
                NameFr = "Association \"Al Amal\", Fès", NameAr = "جمعية الأمل", Object = "Ligne 1\nLigne 2",
                SeatAddress = "=1+1", Commune = "Fès", FoundedOn = new DateOnly(2019, 4, 12),
                UpdatedAt = new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero),
            }, default);
            await writer.CompleteAsync(default);
        }

        var bytes = output.ToArray();
        bytes[..3].Should().Equal(0xEF, 0xBB, 0xBF);
        var text = Encoding.UTF8.GetString(bytes[3..]);
        text.Should().StartWith("registry_number,kind,").And.Contain("\r\n1000001-14,association,local,registered,")
            .And.Contain("\"Association \"\"Al Amal\"\", Fès\",جمعية الأمل,")
            .And.Contain("\"Ligne 1\nLigne 2\"")
            .And.Contain(",'=1+1,")
            .And.Contain(",2019-04-12,")
            .And.EndWith(",2026-12-01T09:00:00Z\r\n");
    }
}
