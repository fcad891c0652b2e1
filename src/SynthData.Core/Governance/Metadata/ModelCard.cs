using System.Globalization;
using System.Text;

namespace SynthData.Core.Governance.Metadata;

/// <summary>A Markdown datasheet written beside a synthetic file, for people who never open Parquet metadata.</summary>
public static class ModelCard
{
    /// <summary>The card for a file whose name is not known (e.g. a stream); the title says "synthetic data".</summary>
    public static string ToMarkdown(GovernanceMetadata g) => ToMarkdown(g, "synthetic data");

    /// <summary>The card for the file named <paramref name="fileName"/>: what it is, its guarantee, audit, policy, lineage and limits, in plain words.</summary>
    public static string ToMarkdown(GovernanceMetadata g, string fileName)
    {
        var c = CultureInfo.InvariantCulture;
        var s = new StringBuilder();
        s.AppendLine(c, $"# Synthetic data card: {fileName}");
        s.AppendLine();
        s.AppendLine(c, $"**This file is synthetic.** It holds {g.Generation.Rows:N0} rows generated on {g.Generation.CreatedUtc:yyyy-MM-dd HH:mm} UTC by SynthData {g.Software.Version} from model `{g.Model.Id}`; no row describes a real person.");
        s.AppendLine();
        if (g.Generation.Segment is { } segment)
        {
            s.AppendLine("## Segment");
            s.AppendLine("**This file describes a segment, not the population.** Every row meets all of these conditions:");
            foreach (var condition in segment.Conditions) s.AppendLine(c, $"- `{condition}`");
            if (segment.Conditions.Count == 0) s.AppendLine("- (no conditions)");
            foreach (var share in segment.Proportions) s.AppendLine(c, $"- target proportion: `{share.Column} = {share.Value}` in {share.Share:0.##%} of the rows");
            s.AppendLine();
            s.AppendLine(c, $"{char.ToUpperInvariant(segment.Note[0])}{segment.Note[1..]} Shares, averages and correlations in this file are those of the segment; do not read them as the population's.");
            s.AppendLine();
        }
        s.AppendLine("## Privacy guarantee");
        var p = g.Privacy;
        if (p.Warning is { } warning)
        {
            s.AppendLine(c, $"**{warning}**");
            s.AppendLine();
        }
        if (p.DifferentiallyPrivate)
            s.AppendLine(c, $"The generator was trained with differential privacy at **epsilon = {p.Epsilon:0.###}, delta = {p.Delta:G3}** (certified by the {p.Accountant} accountant; every step that read the private table is counted, preprocessing included), with secret randomness (noise, batches and holdout split from a cryptographic generator, never stored). Neighbouring tables: {p.NeighbouringRelation}. In plain words: adding or removing any one row changes the probability of any outcome by at most a factor of e^{p.Epsilon:0.##} (about {Math.Exp(p.Epsilon ?? 0):0.##}), except with probability {p.Delta:G2}. Training: {p.Steps} steps of DP-SGD, noise multiplier {p.NoiseMultiplier:G4}, clipping norm {p.MaxGradNorm:G3}, sampling rate {p.SamplingRate:G3}.");
        else if (p.Warning is not null)
            s.AppendLine(c, $"Nominal figures, which do not hold: epsilon {p.Epsilon:0.###}, delta {p.Delta:G3}, {p.Steps} steps, noise multiplier {p.NoiseMultiplier:G4}. This file must not leave the data owner.");
        else
            s.AppendLine("**No differential-privacy guarantee**: the model was trained without DP. This file must not leave the data owner.");
        s.AppendLine();
        s.AppendLine("## Audit");
        if (g.Audit is { } a)
        {
            s.AppendLine("The generator was audited before release.");
            if (a.EmpiricalEpsilon is { } e)
                s.AppendLine(c, $"- Empirical epsilon (one-run canary audit with {a.Canaries} canaries on the model's own synthetic rows, 95% lower bound): {e:0.###}");
            s.AppendLine(c, $"- {char.ToUpperInvariant(a.Note[0])}{a.Note[1..]}.");
            foreach (var w in a.QualityWarnings)
                s.AppendLine(c, $"- **Quality warning**: the synthetic distribution of `{w.Column}` is off the run's own DP quantiles by {w.Deviation:0.000} in cumulative probability, more than the {w.Allowed:0.000} the privacy noise and sample size explain: treat this column's shape with care.");
        }
        else s.AppendLine("Not audited.");
        s.AppendLine();
        if (g.Drift is { } d)
        {
            s.AppendLine("## Drift check before training");
            s.AppendLine(c, $"Check `{d.CheckId}` ({d.CheckedUtc:yyyy-MM-dd} UTC) compared dataset version `{d.DatasetId}` with the earlier model `{d.CheckedModelId}` under differential privacy, at epsilon {d.Epsilon:0.###} charged to the lineage's shared budget.");
            foreach (var column in d.DriftedColumns) s.AppendLine(c, $"- Drifted: {Drift.DriftFinding.Describe(column)}");
            s.AppendLine(c, $"- {d.Recommendation}");
            s.AppendLine();
        }
        s.AppendLine("## Policy");
        if (g.Policy is null) s.AppendLine("**No policy was checked**: this file was generated directly from a model artifact.");
        else s.AppendLine(c, $"Policy `{g.Policy.Id}` version {g.Policy.Version}.");
        foreach (var decision in new[] { g.Policy?.Admission, g.Policy?.Release })
            if (decision is not null)
            {
                s.AppendLine(c, $"- {decision.Stage}: **{(decision.Allowed ? "allowed" : "denied")}**");
                foreach (var reason in decision.Reasons) s.AppendLine(c, $"  - {reason}");
            }
        if (g.Reviewer is { } r) s.AppendLine(c, $"- Approved by {r.ApprovedBy} on {r.ApprovedUtc:yyyy-MM-dd}");
        s.AppendLine();
        s.AppendLine("## Lineage");
        s.AppendLine(c, $"- Source dataset `{g.Dataset.Id}`, {g.Dataset.Rows:N0} rows ({g.Dataset.TrainingRows:N0} trained on, {g.Dataset.HoldoutRows:N0} held out for the audit)");
        if (!g.SchemaFullyDeclared)
            s.AppendLine(c, $"- Schema partly inferred from private rows: not covered by the guarantee (inferred columns: {string.Join(", ", g.SchemaInferredColumns.Select(n => $"`{n}`"))})");
        s.AppendLine(c, $"- Model artifact SHA-256 `{g.Model.ArtifactSha256}`; generation seed {g.Generation.Seed}");
        s.AppendLine("- Columns: " + string.Join(", ", g.Schema.Select(col => $"`{col.Name}` ({col.Kind}, {col.Release})")));
        s.AppendLine();
        s.AppendLine("## Intended use and limits");
        s.AppendLine("Good for: analytics prototypes, dashboards, testing pipelines, sharing realistic examples. Not for: decisions about real individuals, or claims about rare subgroups (the privacy noise blurs small groups; categories rare in the source may be merged into \"other\"). Identifier and contact columns are synthetic stand-ins or removed.");
        return s.ToString();
    }
}
