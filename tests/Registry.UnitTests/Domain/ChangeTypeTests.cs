using Registry.Api.Domain;

namespace Registry.UnitTests.Domain;

public sealed class ChangeTypeTests
{
    private static Dictionary<string, string?> Record(params (string Key, string? Value)[] changes)
    {
        var record = new Dictionary<string, string?>
        {
            ["registry_number"] = "1000001-14", ["status"] = "deposited", ["name_fr"] = "Association A",
            ["definitive_receipt_number"] = null, ["public_utility_decree"] = null, ["updated_at"] = "2026-01-01T00:00:00Z",
        };
        foreach (var (key, value) in changes) record[key] = value;
        return record;
    }

    [Fact]
    public void A_first_publication_is_a_creation_with_every_field()
    {
        ChangeType.Classify(null, Record(), out var changed).Should().Be(ChangeType.Created);
        changed.Should().Contain("registry_number").And.Contain("status");
    }

    [Fact]
    public void Nothing_public_changed_means_no_event()
    {
        ChangeType.Classify(Record(), Record(("updated_at", "2026-02-01T00:00:00Z")), out var changed).Should().BeNull();
        changed.Should().BeEmpty();
    }

    [Theory]
    [InlineData("name_fr", "Association B", ChangeType.Updated)]
    [InlineData("status", "deemed_operating", ChangeType.StatusChanged)]
    [InlineData("status", "dissolved", ChangeType.Dissolved)]
    [InlineData("public_utility_decree", "2-20-123", ChangeType.PublicUtilityGranted)]
    [InlineData("definitive_receipt_number", "RD-03.231-2026-000001", ChangeType.ReceiptIssued)]
    public void The_type_says_what_happened(string field, string value, string expected)
    {
        ChangeType.Classify(Record(), Record((field, value)), out var changed).Should().Be(expected);
        changed.Should().Equal(field);
    }

    [Fact]
    public void A_receipt_that_also_registers_is_a_receipt_issued_with_both_fields()
    {
        ChangeType.Classify(Record(), Record(("status", "registered"), ("definitive_receipt_number", "RD-1")), out var changed)
            .Should().Be(ChangeType.ReceiptIssued);
        changed.Should().BeEquivalentTo("status", "definitive_receipt_number");
    }
}
