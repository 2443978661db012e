using System.Text.Json.Nodes;
using Lrs.Application.Events;

namespace Lrs.Application.Tests.Events;

/// <summary>
/// Every integration contract has a JSON schema checked in under contracts/schemas/ (seed 001 G3 "event schemas
/// registered"). A contract change that drops, renames or retypes a property or adds a required one fails here; a
/// compatible change (a new optional property) is taken into the files with
/// <c>LRS_UPDATE_SCHEMAS=1 dotnet test tests/Application.Tests --filter ContractSchema</c>.
/// </summary>
public sealed class ContractSchemaTests
{
    public static TheoryData<string> Names => [.. MessageContracts.All.Select(MessageContracts.NameOf).Order(StringComparer.Ordinal)];

    private static bool Update => Environment.GetEnvironmentVariable("LRS_UPDATE_SCHEMAS") == "1";

    [Theory]
    [MemberData(nameof(Names))]
    public void ContractSchema_CheckedInSchema_IsCompatibleAndCurrent(string name)
    {
        var generated = ContractSchema.Generate(MessageContracts.TypeOf(name)!);
        var path = Path.Combine(SchemaDirectory, name + ".json");
        if (!File.Exists(path))
        {
            Assert.True(Update, $"{name} has no schema in contracts/schemas; run with LRS_UPDATE_SCHEMAS=1 to add it.");
            Write(path, generated);
            return;
        }

        var published = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        var problems = ContractSchema.Incompatibilities(published, generated);
        Assert.True(problems.Count == 0, $"{name} changed incompatibly: {string.Join("; ", problems)}. Publish a new version (.v2) instead.");
        if (!JsonNode.DeepEquals(published, generated))
        {
            Assert.True(Update, $"{name} changed compatibly; run with LRS_UPDATE_SCHEMAS=1 to update contracts/schemas/{name}.json.");
            Write(path, generated);
        }
    }

    [Fact]
    public void ContractSchema_EverySchemaFile_NamesAContract()
    {
        var orphans = Directory.GetFiles(SchemaDirectory, "*.json").Select(Path.GetFileNameWithoutExtension)
            .Where(n => MessageContracts.TypeOf(n!) is null).ToList();
        Assert.Empty(orphans);
    }

    [Fact]
    public void ContractSchema_GeneratedSchema_MarksRequiredAndNullable()
    {
        var schema = ContractSchema.Generate(MessageContracts.TypeOf("progress.completion.recorded.v1")!);
        var required = schema["required"]!.AsArray().Select(n => n!.GetValue<string>()).ToList();
        Assert.Contains("tenantId", required);
        Assert.Contains("completedAt", required);
        Assert.DoesNotContain("registration", required);
        Assert.Equal("""{"type":["string","null"],"format":"uuid"}""", schema["properties"]!["registration"]!.ToJsonString());
        Assert.Equal("""{"type":"string","format":"date-time"}""", schema["properties"]!["completedAt"]!.ToJsonString());
    }

    [Theory]
    [InlineData("""{"a":{"type":"string"}}""", """["a"]""", """{"b":{"type":"string"}}""", """["b"]""", "'a' was removed or renamed")]
    [InlineData("""{"a":{"type":"string"}}""", """["a"]""", """{"a":{"type":"integer"}}""", """["a"]""", "'a' changed type")]
    [InlineData("""{"a":{"type":"string"}}""", """[]""", """{"a":{"type":["string","null"]}}""", """[]""", "'a' changed type")]
    [InlineData("""{"a":{"type":"string"}}""", """["a"]""", """{"a":{"type":"string"},"b":{"type":"string"}}""", """["a","b"]""", "'b' is newly required")]
    public void Incompatibilities_BreakingChange_IsReported(string before, string beforeRequired, string after, string afterRequired, string expected)
    {
        var problems = ContractSchema.Incompatibilities(Schema(before, beforeRequired), Schema(after, afterRequired));
        Assert.Contains(problems, p => p.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Incompatibilities_NewOptionalProperty_IsCompatible()
    {
        var problems = ContractSchema.Incompatibilities(
            Schema("""{"a":{"type":"string"}}""", """["a"]"""),
            Schema("""{"a":{"type":"string"},"b":{"type":["number","null"]}}""", """["a"]"""));
        Assert.Empty(problems);
    }

    private static JsonObject Schema(string properties, string required) => new()
    {
        ["properties"] = JsonNode.Parse(properties),
        ["required"] = JsonNode.Parse(required),
    };

    private static void Write(string path, JsonObject schema) =>
        File.WriteAllText(path, schema.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }) + "\n");

    private static string SchemaDirectory
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Lrs.sln")))
            {
                directory = directory.Parent;
            }

            return Path.Combine(directory?.FullName ?? throw new InvalidOperationException("Lrs.sln not found above the test output."), "contracts", "schemas");
        }
    }
}
