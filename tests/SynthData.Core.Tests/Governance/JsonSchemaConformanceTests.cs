using SynthData.Core.Tests.TestSupport;

namespace SynthData.Core.Tests.Governance;

/// <summary>
/// Cases from the official JSON-Schema-Test-Suite (github.com/json-schema-org/JSON-Schema-Test-Suite,
/// tests/draft2020-12/), for the keywords our published footer, card and policy schemas use: type, required,
/// additionalProperties, exclusiveMinimum, enum, pattern, minLength, items. Each row names its file; the schema and
/// the instance are the suite's, the expected verdict is the suite's "valid". They pin the validator our schema tests
/// rely on to the standard, including cases a hand-written one got wrong (1.0 is an integer).
/// </summary>
public sealed class JsonSchemaConformanceTests
{
    const string Draft = "\"$schema\": \"https://json-schema.org/draft/2020-12/schema\"";

    public static TheoryData<string, string, string, bool> Cases() => new()
    {
        // type.json (commit 3162429d)
        { "type.json", $$$"""{ {{{Draft}}}, "type": "integer" }""", "1", true },
        { "type.json", $$$"""{ {{{Draft}}}, "type": "integer" }""", "1.0", true },
        { "type.json", $$$"""{ {{{Draft}}}, "type": "integer" }""", "1.1", false },
        { "type.json", $$$"""{ {{{Draft}}}, "type": "integer" }""", "\"1\"", false },
        { "type.json", $$$"""{ {{{Draft}}}, "type": "number" }""", "1.1", true },
        { "type.json", $$$"""{ {{{Draft}}}, "type": "number" }""", "\"1\"", false },
        { "type.json", $$$"""{ {{{Draft}}}, "type": "boolean" }""", "0", false },
        { "type.json", $$$"""{ {{{Draft}}}, "type": "null" }""", "false", false },
        { "type.json", $$$"""{ {{{Draft}}}, "type": ["array", "object", "null"] }""", "null", true },
        { "type.json", $$$"""{ {{{Draft}}}, "type": ["array", "object", "null"] }""", "123", false },
        // required.json (commit f6523449)
        { "required.json", $$$"""{ {{{Draft}}}, "properties": { "foo": {}, "bar": {} }, "required": ["foo"] }""", """{"foo": 1}""", true },
        { "required.json", $$$"""{ {{{Draft}}}, "properties": { "foo": {}, "bar": {} }, "required": ["foo"] }""", """{"bar": 1}""", false },
        { "required.json", $$$"""{ {{{Draft}}}, "properties": { "foo": {}, "bar": {} }, "required": ["foo"] }""", "[]", true },
        { "required.json", $$$"""{ {{{Draft}}}, "properties": { "foo": {} } }""", "{}", true },
        // additionalProperties.json (commit 0b780b2c)
        { "additionalProperties.json", $$$"""{ {{{Draft}}}, "properties": {"foo": {}, "bar": {}}, "patternProperties": { "^v": {} }, "additionalProperties": false }""", """{"foo": 1}""", true },
        { "additionalProperties.json", $$$"""{ {{{Draft}}}, "properties": {"foo": {}, "bar": {}}, "patternProperties": { "^v": {} }, "additionalProperties": false }""", """{"foo": 1, "bar": 2, "quux": "boom"}""", false },
        { "additionalProperties.json", $$$"""{ {{{Draft}}}, "properties": {"foo": {}, "bar": {}}, "patternProperties": { "^v": {} }, "additionalProperties": false }""", "[1, 2, 3]", true },
        { "additionalProperties.json", $$$"""{ {{{Draft}}}, "properties": {"foo": {}, "bar": {}} }""", """{"foo": 1, "bar": 2, "quux": true}""", true },
        // exclusiveMinimum.json (commit a1187928)
        { "exclusiveMinimum.json", $$$"""{ {{{Draft}}}, "exclusiveMinimum": 1.1 }""", "1.2", true },
        { "exclusiveMinimum.json", $$$"""{ {{{Draft}}}, "exclusiveMinimum": 1.1 }""", "1.1", false },
        { "exclusiveMinimum.json", $$$"""{ {{{Draft}}}, "exclusiveMinimum": 1.1 }""", "\"x\"", true },
        { "exclusiveMinimum.json", $$$"""{ {{{Draft}}}, "exclusiveMinimum": 0 }""", "0.0", false },
        { "exclusiveMinimum.json", $$$"""{ {{{Draft}}}, "exclusiveMinimum": 0 }""", "0.1", true },
        // enum.json (commit 44fc7b20)
        { "enum.json", $$$"""{ {{{Draft}}}, "enum": [1, 2, 3] }""", "4", false },
        { "enum.json", $$$"""{ {{{Draft}}}, "enum": [6, "foo", [], true, {"foo": 12}] }""", """{"foo": false}""", false },
        { "enum.json", $$$"""{ {{{Draft}}}, "enum": [6, "foo", [], true, {"foo": 12}] }""", """{"foo": 12}""", true },
        { "enum.json", $$$"""{ {{{Draft}}}, "enum": [false] }""", "0", false },
        { "enum.json", $$$"""{ {{{Draft}}}, "enum": [6, null] }""", "null", true },
        // pattern.json (commit 1245e6e8)
        { "pattern.json", $$$"""{ {{{Draft}}}, "pattern": "^a*$" }""", "\"aaa\"", true },
        { "pattern.json", $$$"""{ {{{Draft}}}, "pattern": "^a*$" }""", "\"abc\"", false },
        { "pattern.json", $$$"""{ {{{Draft}}}, "pattern": "^a*$" }""", "true", true },
        { "pattern.json", $$$"""{ {{{Draft}}}, "pattern": "a+" }""", "\"xxaayy\"", true },
        // minLength.json (commit 9975f4c2): length counts code points, not UTF-16 units
        { "minLength.json", $$$"""{ {{{Draft}}}, "minLength": 2 }""", "\"fo\"", true },
        { "minLength.json", $$$"""{ {{{Draft}}}, "minLength": 2 }""", "\"f\"", false },
        { "minLength.json", $$$"""{ {{{Draft}}}, "minLength": 2 }""", "\"\\uD83D\\uDCA9\"", false },
        // items.json (commit 6680a003)
        { "items.json", """{ "items": {"type": "integer"} }""", "[1, 2, 3]", true },
        { "items.json", """{ "items": {"type": "integer"} }""", """[1, "x"]""", false },
        { "items.json", """{ "items": {"type": "integer"} }""", """{"foo": "bar"}""", true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_validator_agrees_with_the_official_suite(string suiteFile, string schema, string instance, bool valid)
    {
        var errors = JsonSchemaValidation.Validate(schema, instance);
        Assert.True(valid == (errors.Count == 0), $"{suiteFile}: {instance} against {schema}: expected {(valid ? "valid" : "invalid")}, got [{string.Join("; ", errors)}]");
    }
}
