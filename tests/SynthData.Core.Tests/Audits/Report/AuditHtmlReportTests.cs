using System.Diagnostics;
using System.Text.RegularExpressions;
using SkiaSharp;
using SynthData.Core.Audits;
using SynthData.Core.Audits.Distances;
using SynthData.Core.Audits.Report;
using SynthData.Core.Tabular;

namespace SynthData.Core.Tests.Audits.Report;

public class AuditHtmlReportTests
{
    const string Chromium = "/usr/bin/chromium";

    static (AuditReport Report, TabularData Real, TabularData Synthetic) Audit()
    {
        var random = new Random(31);
        var members = AuditTables.Draw(random, 300, "m");
        var holdout = AuditTables.Draw(random, 300, "h");
        var synthetic = AuditTables.NoisyCopy(members, new Random(3), 0.05, "s");
        var distance = GowerDistance.FromReference(members);
        double[] Loss(TabularData rows) => NearestNeighbours.Find(rows, members, distance).NearestDistance;
        var options = new AuditOptions
        {
            BootstrapResamples = 50,
            Guarantee = new TheoreticalGuarantee(2.0, 1e-6, "PLD"),
            Quality = SynthData.Core.Evaluation.QualityReport.Compute(members, synthetic),
        };
        var report = AuditRunner.Run(new AuditInputs(members, holdout, synthetic, AuditTables.Schema, Loss, 5), options);
        return (report, members, synthetic);
    }

    [Fact]
    public void TheReportIsSelfContainedAndCarriesNoRealCellValue()
    {
        var (report, real, synthetic) = Audit();
        var path = Path.Combine(OutputFolder(), "self-contained.html");
        AuditHtmlReport.Write(report, real, synthetic, report.Dcr!.ToTraining, report.Dcr.ToHoldout, path);
        var html = File.ReadAllText(path);

        Assert.StartsWith("<!DOCTYPE html>", html);
        // The banner comes before the first figure: whoever opens the page sees it is not for consumers.
        int banner = html.IndexOf("For the data owner and reviewers only: this report holds figures computed on the private rows without differential privacy. Do not pass it to consumers.", StringComparison.Ordinal);
        Assert.True(banner >= 0 && banner < html.IndexOf("<h2>", StringComparison.Ordinal), "the restricted-report banner is missing or below the figures");
        Assert.Contains(report.Verdict.Split(':')[0], html);
        Assert.Contains("epsilon = 2", html);
        // Every src/href must be an inline data URI: no network, no sibling files.
        var references = Regex.Matches(html, "(?:src|href)\\s*=\\s*\"([^\"]*)\"", RegexOptions.IgnoreCase).Select(m => m.Groups[1].Value).ToList();
        Assert.True(references.Count >= 5, "expected the ROC, DCR, marginal and heatmap images");
        Assert.All(references, r => Assert.StartsWith("data:image/png;base64,", r));
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@import", html);
        Assert.DoesNotContain("url(", html);
        // Identifier and PII values of the real rows never appear.
        Assert.DoesNotContain("@example.org", html);
        Assert.DoesNotContain("m-1", html);
    }

    [Fact]
    public async Task TheReportRendersInChromium()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: install it with `apt-get install -y chromium` (CI installs it in .ci/run).");
        var (report, real, synthetic) = Audit();
        var folder = OutputFolder();
        var html = Path.Combine(folder, "report.html");
        AuditHtmlReport.Write(report, real, synthetic, report.Dcr!.ToTraining, report.Dcr.ToHoldout, html);

        var (screenshot, log, pageRequests) = await Render(html, folder, "report");

        Assert.True(File.Exists(screenshot), $"No screenshot; chromium said:\n{log}");
        var failed = log.Split('\n').Where(l => l.Contains("Failed to load resource") || Regex.IsMatch(l, @"\bnet::ERR_|\bERR_FILE|\bERR_NAME|\bERR_CONN")).ToList();
        Assert.True(failed.Count == 0, "Chromium reported failed requests:\n" + string.Join("\n", failed));
        Assert.True(pageRequests.Count == 0, "The report made network requests:\n" + string.Join("\n", pageRequests));

        using var bitmap = SKBitmap.Decode(screenshot);
        Assert.Equal(1280, bitmap.Width);
        // A blank page has zero variance; text, coloured verdict box and plots give plenty.
        double sum = 0, sumSquares = 0;
        int count = 0;
        for (int y = 0; y < bitmap.Height; y += 4)
            for (int x = 0; x < bitmap.Width; x += 4)
            {
                var pixel = bitmap.GetPixel(x, y);
                double luminance = 0.299 * pixel.Red + 0.587 * pixel.Green + 0.114 * pixel.Blue;
                sum += luminance; sumSquares += luminance * luminance; count++;
            }
        double variance = sumSquares / count - Math.Pow(sum / count, 2);
        Assert.True(variance > 100, $"The screenshot looks blank (luminance variance {variance:0.0}).");
    }

    /// <summary>The request check itself must be able to fail: a page with an external image is caught.</summary>
    [Fact]
    public async Task TheNetworkCheckCatchesAnExternalImage()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: install it with `apt-get install -y chromium` (CI installs it in .ci/run).");
        var folder = OutputFolder();
        var html = Path.Combine(folder, "external.html");
        File.WriteAllText(html, "<!DOCTYPE html><html><body><p>x</p><img src=\"https://example.invalid/a.png\"></body></html>");
        var (_, _, pageRequests) = await Render(html, folder, "external");
        Assert.Contains(pageRequests, u => u.Contains("example.invalid"));
    }

    /// <summary>
    /// Headless Chromium screenshot of a local page. The stderr log does not list failed
    /// sub-resource loads, so the net log is read too: http(s) URLs there, minus Chromium's own
    /// background services, are requests the page made.
    /// </summary>
    static async Task<(string Screenshot, string Log, List<string> PageRequests)> Render(string html, string folder, string name)
    {
        var screenshot = Path.Combine(folder, name + ".png");
        var netLog = Path.Combine(folder, name + "-netlog.json");
        File.Delete(screenshot);
        File.Delete(netLog);
        var start = new ProcessStartInfo(Chromium)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            ArgumentList =
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--enable-logging=stderr", "--v=0", $"--user-data-dir={Path.Combine(folder, name + "-profile")}", $"--log-net-log={netLog}",
                $"--screenshot={screenshot}", "--window-size=1280,2400", new Uri(html).AbsoluteUri,
            },
        };
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        var log = await stderr + await stdout;
        return (screenshot, log, NetworkRequests(netLog).Where(u => !IsChromiumService(u)).ToList());
    }

    /// <summary>Every http(s) URL in a Chromium net log (JSON with an "events" array whose params may hold "url").</summary>
    static IEnumerable<string> NetworkRequests(string netLog)
    {
        Assert.True(File.Exists(netLog), "Chromium wrote no net log.");
        using var document = System.Text.Json.JsonDocument.Parse(File.ReadAllText(netLog));
        foreach (var logEvent in document.RootElement.GetProperty("events").EnumerateArray())
            if (logEvent.TryGetProperty("params", out var parameters) && parameters.ValueKind == System.Text.Json.JsonValueKind.Object
                && parameters.TryGetProperty("url", out var url) && url.GetString() is { } text
                && (text.StartsWith("http://") || text.StartsWith("https://")))
                yield return text;
    }

    /// <summary>Background traffic of the browser itself (updates, time, dictionaries), not caused by the page.</summary>
    static bool IsChromiumService(string url)
    {
        var host = new Uri(url).Host;
        return new[] { "google.com", "googleapis.com", "gvt1.com", "gstatic.com" }.Any(d => host == d || host.EndsWith("." + d));
    }

    static string OutputFolder()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "audit-report-output");
        Directory.CreateDirectory(folder);
        return folder;
    }
}
