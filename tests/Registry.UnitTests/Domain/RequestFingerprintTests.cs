using Registry.Api.Domain;

namespace Registry.UnitTests.Domain;

public sealed class RequestFingerprintTests
{
    [Fact]
    public void The_same_request_written_differently_has_the_same_fingerprint() =>
        RequestFingerprint.Of("createDeclaration", """{"kind":"founding","association":{"nameFr":"A","scope":"local"}}""")
            .Should().Be(RequestFingerprint.Of("createDeclaration", """
                { "association" : { "scope": "local", "nameFr": "A" },
                  "kind": "founding" }
                """));

    [Fact]
    public void Another_value_or_another_operation_changes_it()
    {
        var original = RequestFingerprint.Of("createDeclaration", """{"kind":"founding","members":[{"cin":"ZZ999001"}]}""");

        RequestFingerprint.Of("createDeclaration", """{"kind":"founding","members":[{"cin":"ZZ999002"}]}""").Should().NotBe(original);
        RequestFingerprint.Of("createApiKey", """{"kind":"founding","members":[{"cin":"ZZ999001"}]}""").Should().NotBe(original);
        RequestFingerprint.Of("createDeclaration", """{"kind":"founding","members":[{"cin":"ZZ999001"}, {}]}""").Should().NotBe(original);
    }

    [Fact]
    public void Array_order_matters_and_the_result_is_sha256_hex()
    {
        var ab = RequestFingerprint.Of("op", """{"domains":["a","b"]}""");
        var ba = RequestFingerprint.Of("op", """{"domains":["b","a"]}""");

        ab.Should().NotBe(ba);
        ab.Should().MatchRegex("^[0-9a-f]{64}$");
    }

    [Fact]
    public void An_empty_body_has_a_fingerprint_of_its_own() =>
        RequestFingerprint.Of("op", null).Should().Be(RequestFingerprint.Of("op", "")).And.NotBe(RequestFingerprint.Of("op", "{}"));
}
