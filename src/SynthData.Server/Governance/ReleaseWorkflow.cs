using System.Text.Json;
using SynthData.Core;
using SynthData.Core.Audits.Report;
using SynthData.Server.Storage;

namespace SynthData.Server.Governance;

/// <summary>
/// Where a model's audit lives on the server (report.json and report.html beside its artifact) and how release
/// decisions are stored (Core's JSON). What a release decision is, and the state it leads to, is Core's
/// <see cref="Core.Governance.Release.ReleaseStateMachine"/>.
/// </summary>
public static class ReleaseWorkflow
{
    public static string ReportDirectory(ModelRecord model) =>
        Path.Combine(Path.GetDirectoryName(model.ArtifactPath)!, model.Id + "-audit");

    public static string ReportJsonPath(ModelRecord model) => Path.Combine(ReportDirectory(model), "report.json");
    public static string ReportHtmlPath(ModelRecord model) => Path.Combine(ReportDirectory(model), "report.html");

    public static AuditReport? LoadReport(ModelRecord model) =>
        File.Exists(ReportJsonPath(model))
            ? JsonSerializer.Deserialize<AuditReport>(File.ReadAllText(ReportJsonPath(model)), SynthDataJson.Options)
            : null;

    public static string ToJson<T>(T value) => JsonSerializer.Serialize(value, SynthDataJson.Options);
    public static T? FromJson<T>(string? json) => json is null ? default : JsonSerializer.Deserialize<T>(json, SynthDataJson.Options);
}
