using System.Globalization;
using System.Text;
using SynthData.Core.Audits.Statistics;
using SynthData.Core.Tabular;
using static System.Net.WebUtility;

namespace SynthData.Core.Audits.Report;

/// <summary>
/// Writes the audit as ONE self-contained HTML file: inline CSS, plots as base64 PNG data URIs, no
/// scripts, fonts or links to anything else, so it can be mailed or archived as is. Verdict first,
/// then the guarantee in plain words, then tables with intervals and the plots. Every text that
/// comes from data (column names, flags) is HTML-encoded; no cell value of the real table is shown.
/// </summary>
public static class AuditHtmlReport
{
    /// <summary>How many columns get a real-vs-synthetic marginal plot.</summary>
    const int MarginalColumns = 4;

    /// <summary>Warning printed at the top of every page: the figures are not differentially private.</summary>
    public const string RestrictedBanner = "For the data owner and reviewers only: this report holds figures computed on the private rows " +
                                           "without differential privacy. Do not pass it to consumers.";

    /// <summary>Writes the report, with its plots, to <paramref name="path"/> as one self-contained HTML file.</summary>
    public static void Write(AuditReport report, TabularData real, TabularData synthetic, double[] membersDcr, double[] holdoutDcr, string path)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>SynthData privacy audit</title><style>")
            .Append("body{font-family:sans-serif;max-width:1180px;margin:24px auto;color:#222;line-height:1.45}")
            .Append(".verdict{padding:16px 20px;border-radius:6px;font-size:1.35em;font-weight:bold}")
            .Append(".ok{background:#e3f5e1;border:2px solid #2e7d32}.leak{background:#fde2e1;border:2px solid #c62828}")
            .Append("table{border-collapse:collapse;margin:8px 0 20px}td,th{border:1px solid #bbb;padding:4px 10px;text-align:left}")
            .Append("th{background:#f0f0f0}.flag{color:#b71c1c;font-weight:bold}img{margin:6px;border:1px solid #ddd}")
            .Append(".restricted{padding:10px 16px;margin:12px 0;background:#fff4d6;border:2px solid #b26a00;font-weight:bold}")
            .Append("</style></head><body>");
        html.Append("<h1>Privacy audit of the synthetic data</h1>");
        // The figures below (marginals, distances, rare labels) are computed on the raw rows without DP.
        html.Append("<p class=\"restricted\" role=\"note\">").Append(HtmlEncode(RestrictedBanner)).Append("</p>");
        html.Append($"<div class=\"verdict {(report.LeakDetected ? "leak" : "ok")}\">{HtmlEncode(report.Verdict)}</div>");
        html.Append("<h2>The guarantee</h2><p>").Append(HtmlEncode(GuaranteeParagraph(report.Guarantee))).Append("</p>");

        if (report.Flags.Count > 0)
        {
            html.Append("<h2>Flags</h2><ul>");
            foreach (var flag in report.Flags) html.Append($"<li class=\"flag\">{HtmlEncode(flag)}</li>");
            html.Append("</ul>");
        }

        html.Append("<h2>Membership-inference attacks</h2><p>Each attack tries to tell training rows from rows the model never saw, on equal-size groups. AUC 0.5 is guessing. Intervals are 95% bootstrap intervals.</p>");
        html.Append("<table><tr><th>Attack</th><th>AUC (95% CI)</th><th>TPR at 1% FPR (95% CI)</th><th>TPR at 0.1% FPR (95% CI)</th></tr>");
        foreach (var a in report.Attacks)
            html.Append($"<tr><td>{HtmlEncode(a.Name)}</td><td>{Ci(a.AucInterval95)}</td><td>{Ci(a.TprAt1PctInterval)}</td><td>{Ci(a.TprAt01PctInterval)}</td></tr>");
        html.Append("</table>");
        if (report.Attacks.Count > 0) Image(html, ReportPlots.Roc(report.Attacks), "ROC curves");

        var l = report.Leakage;
        html.Append("<h2>Leakage</h2><p>Training figures use as many training rows as there are holdout rows, so the holdout column is what a generator that never saw the data would show.</p>");
        html.Append("<table><tr><th>Measure</th><th>vs training</th><th>vs holdout (baseline)</th></tr>");
        html.Append($"<tr><td>Synthetic rows identical to a real row</td><td>{Share(l.ExactCopiesOfTraining)}</td><td>{Share(l.ExactCopiesOfHoldout)}</td></tr>");
        html.Append($"<tr><td>Median distance to closest record</td><td>{F(l.MedianDcrTraining)}</td><td>{F(l.MedianDcrHoldout)}</td></tr>");
        html.Append($"<tr><td>Nearest/second-nearest ratio: median, 5th percentile</td><td>{F(l.NndrTraining.Median)}, {F(l.NndrTraining.Percentile5)}</td><td>{F(l.NndrHoldout.Median)}, {F(l.NndrHoldout.Percentile5)}</td></tr>");
        html.Append("</table><table>");
        html.Append($"<tr><td>Share of synthetic rows closer to training than to holdout (0.5 ideal)</td><td>{Share(l.DcrCloserToTraining)}</td></tr>");
        html.Append($"<tr><td>Training rows reproduced exactly in the synthetic data</td><td>{Share(l.TrainingRowsReplayed)}</td></tr>");
        foreach (var replay in l.IdentifierAndPiiReplay)
            html.Append($"<tr><td>Column {HtmlEncode(replay.Column)} ({HtmlEncode(replay.Kind)}): synthetic cells repeating a training value</td><td>{replay.SyntheticCells} ({replay.DistinctValues} distinct)</td></tr>");
        foreach (var rare in l.RareCategories.Where(r => r.RareCategories > 0))
            html.Append($"<tr><td>Column {HtmlEncode(rare.Column)}: rare training categories reproduced</td><td>{rare.RareCategoriesReplayed} of {rare.RareCategories} ({rare.SyntheticCells} cells)</td></tr>");
        html.Append("</table>");
        Image(html, ReportPlots.DcrHistogram(membersDcr, holdoutDcr), "Distance to closest record histograms");

        if (report.Canary is { } c)
        {
            html.Append("<h2>Canary audit (one training run)</h2>");
            html.Append($"<p>{c.Canaries} artificial records were made up; {c.Included} of them, chosen at random, were added to the training data. From the trained model alone, the auditor guessed membership for {c.Guesses} and was right {c.Correct} times. ");
            html.Append($"With {F(100 * c.Confidence).Replace(".000", "")}% confidence (corrected for trying {c.GridSize} guess counts), the training is not differentially private for any epsilon below <b>{F(c.EmpiricalEpsilonLowerBound)}</b> (delta {c.Delta.ToString("G3", CultureInfo.InvariantCulture)}). ");
            html.Append("This is a lower bound on the true privacy loss and must never exceed the guaranteed epsilon.</p>");
        }

        if (report.Drift is { } drift) DriftSection(html, drift);

        if (report.Quality is { } q)
            html.Append($"<h2>Fidelity</h2><p>Column shapes {F(q.ShapeScore)}, column-pair trends {F(q.PairTrendScore)}, overall {F(q.Overall)} (1 = identical distributions). These scores are computed from the private rows without noise and are for the data owner only.</p>");

        html.Append("<h2>Real vs synthetic</h2><p>Plots are for the data owner: real shares are computed from the private rows. Bins and labels come from the synthetic data and the declared schema.</p>");
        var modelled = real.Schema.Columns.Where(col => col.IsModelled && synthetic.Schema.IndexOf(col.Name) >= 0).ToList();
        foreach (var column in modelled.Take(MarginalColumns))
            Image(html, ReportPlots.Marginal(real, synthetic, column), $"Marginal of {column.Name}");
        var numeric = modelled.Where(col => col.IsNumeric && synthetic.Schema.Columns[synthetic.Schema.IndexOf(col.Name)].IsNumeric).Take(12).ToList();
        if (ReportPlots.CorrelationDifference(real, synthetic, numeric) is { } heatmap)
            Image(html, heatmap, "Correlation difference heatmap");

        html.Append($"<p style=\"color:#777\">Audit seed {report.Seed}.</p></body></html>");
        File.WriteAllText(path, html.ToString(), new UTF8Encoding(false));
    }

    /// <summary>The guarantee for a compliance reviewer: what epsilon and delta bound, in words.</summary>
    internal static string GuaranteeParagraph(TheoreticalGuarantee? guarantee)
    {
        if (guarantee is null)
            return "No differential-privacy guarantee was supplied with this audit; the figures below are empirical only and do not prove privacy.";
        double factor = Math.Exp(guarantee.Epsilon);
        string eps = guarantee.Epsilon.ToString("0.###", CultureInfo.InvariantCulture);
        string delta = guarantee.Delta.ToString("G3", CultureInfo.InvariantCulture);
        return $"The model that produced this data was trained with differential privacy at epsilon = {eps} and delta = {delta} " +
               $"(computed by the {guarantee.Accountant} accountant). In plain words: adding or removing any one person's record " +
               $"changes the probability of any result by at most a factor of {factor.ToString("0.##", CultureInfo.InvariantCulture)}, " +
               $"except with probability at most {delta}. So no one looking at the synthetic data, however clever, can tell whether a " +
               $"given person was in the training data much better than by guessing: any such test that wrongly accuses 1% of outsiders " +
               $"can catch at most {Math.Min(1, factor * 0.01 + guarantee.Delta).ToString("P1", CultureInfo.InvariantCulture)} of the people who were in it. " +
               "This holds whatever else the attacker knows; the empirical attacks below check it in practice.";
    }

    /// <summary>The drift check that preceded training: DP outputs, so unlike the figures around it, publishable.</summary>
    static void DriftSection(StringBuilder html, Drift.DriftFinding drift)
    {
        html.Append("<h2>Drift check before training</h2><p>");
        html.Append(HtmlEncode(FormattableString.Invariant(
            $"Check {drift.CheckId} ({drift.CheckedUtc:yyyy-MM-dd HH:mm} UTC) compared dataset version {drift.DatasetId} with model {drift.CheckedModelId}, at epsilon {drift.Epsilon:0.###} charged to the lineage's shared budget. ")));
        html.Append("Its figures are differentially private (noisy histograms against the model's synthetic rows).</p>");
        if (drift.DriftedColumns.Count > 0)
        {
            html.Append("<table><tr><th>Drifted column</th><th>Distance</th><th>Observed</th><th>Interval</th></tr>");
            foreach (var c in drift.DriftedColumns)
                html.Append($"<tr><td>{HtmlEncode(c.Column)}</td><td>{Drift.DriftFinding.DistanceName(c.Distance)}</td><td>{F(c.Observed)}</td><td>{F(c.Lower)}-{F(c.Upper)}</td></tr>");
            html.Append("</table>");
        }
        html.Append("<p>").Append(HtmlEncode(drift.Recommendation)).Append("</p>");
    }

    static void Image(StringBuilder html, byte[] png, string alt) =>
        html.Append($"<img alt=\"{HtmlEncode(alt)}\" src=\"data:image/png;base64,{Convert.ToBase64String(png)}\">");

    static string F(double value) => double.IsNaN(value) ? "n/a" : value.ToString("0.000", CultureInfo.InvariantCulture);
    static string Ci(ConfidenceInterval ci) => $"{F(ci.Estimate)} ({F(ci.Lower)}-{F(ci.Upper)})";
    static string Share(Leakage.ProportionEstimate p) => p.Total == 0 ? "n/a" : $"{F(p.Share)} ({F(p.Lower)}-{F(p.Upper)}), {p.Count}/{p.Total}";
}
