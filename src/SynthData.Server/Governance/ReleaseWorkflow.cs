using System.Text.Json;
using SynthData.Core;
using SynthData.Core.Audits.Report;
using SynthData.Server.Storage;
using SynthData.Server.Storage.Artifacts;

namespace SynthData.Server.Governance;

/// <summary>
/// Where a model's audit lives (report.json and report.html in the artifact store) and how release
/// decisions are stored (Core's JSON). What a release decision is, and the state it leads to, is Core's
/// <see cref="Core.Governance.Release.ReleaseStateMachine"/>.
/// </summary>
public static class ReleaseWorkflow
{
    /// <summary>
    /// Where a report file of the model lives in the artifact store (reports/&lt;tenant&gt;/&lt;model&gt;/FILE); for a
    /// model trained before the artifact store, the folder beside its artifact.
    /// </summary>
    public static string ReportLocation(ModelRecord model, string file) =>
        Path.IsPathRooted(model.ArtifactPath)
            ? Path.Combine(Path.GetDirectoryName(model.ArtifactPath)!, model.Id + "-audit", file)
            : ArtifactFiles.ReportKey(model.TenantId, model.Id, file);

    public const string ReportJson = "report.json", ReportHtml = "report.html";

    /// <summary>The model's latest audit report, read through the store (a new audit rewrites it, so it is never cached); null before any audit.</summary>
    public static AuditReport? LoadReport(ServerStore store, ModelRecord model) =>
        ReadReportJson(store, model) is { } json ? JsonSerializer.Deserialize<AuditReport>(json, SynthDataJson.Options) : null;

    /// <summary>report.json as written; null before any audit.</summary>
    public static string? ReadReportJson(ServerStore store, ModelRecord model)
    {
        string location = ReportLocation(model, ReportJson);
        try
        {
            using var reader = new StreamReader(store.Artifacts.OpenRead(location));
            return reader.ReadToEnd();
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    public static string ToJson<T>(T value) => JsonSerializer.Serialize(value, SynthDataJson.Options);
    public static T? FromJson<T>(string? json) => json is null ? default : JsonSerializer.Deserialize<T>(json, SynthDataJson.Options);
}
