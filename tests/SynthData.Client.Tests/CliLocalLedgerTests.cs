using System.Text.Json;
using SynthData.Core.Governance.Ledger;
using SynthData.Core.Privacy.Accounting;
using SynthData.Core.Synthesis;

namespace SynthData.Client.Tests;

/// <summary>
/// Local `train` runs go through one ledger per installation ($SYNTHDATA_HOME/ledger.db), keyed by the table's content:
/// new output folders and re-saved copies share one budget, and a run past the lifetime budget is refused (exit 3).
/// SYNTHDATA_HOME points at a temporary folder for the whole class: these tests never touch the real home.
/// </summary>
[Collection("SYNTHDATA_HOME")]
public sealed class CliLocalLedgerTests : IDisposable
{
    readonly string _root = Directory.CreateTempSubdirectory("synthdata-cli-ledger").FullName;
    readonly string? _previousHome = Environment.GetEnvironmentVariable(SynthDataHome.Variable);

    public CliLocalLedgerTests() => Environment.SetEnvironmentVariable(SynthDataHome.Variable, Path.Combine(_root, "home"));

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(SynthDataHome.Variable, _previousHome);
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }

    static string Sample(string name) => Path.Combine(CliServerModeTests.Repository(), "samples", name);

    async Task<CliServerModeTests.CliResult> Train(string table, string outDirectory, params string[] extra)
    {
        Directory.CreateDirectory(outDirectory);
        return await CliServerModeTests.Cli(["train", table, "--schema", Sample("bank-marketing.schema.json"), "--epsilon", "1",
            "--epochs", "1", "--batch-size", "512", "--hidden", "16", "--latent-dim", "4", "--json",
            "--out", Path.Combine(outDirectory, "model.model"), .. extra]);
    }

    static string DatasetIdOf(CliServerModeTests.CliResult result)
    {
        Assert.True(result.ExitCode == 0, result.Error);
        using var summary = JsonDocument.Parse(result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1]);
        return summary.RootElement.GetProperty("dataset_id").GetString()!;
    }

    [Fact]
    public async Task Runs_on_the_same_rows_compose_in_one_ledger_whatever_the_folder_or_row_order_and_the_budget_is_enforced()
    {
        string csv = Sample("bank-marketing.csv");
        var lines = File.ReadAllLines(csv);
        string reordered = Path.Combine(_root, "reordered.csv");
        File.WriteAllLines(reordered, lines.Skip(1).Reverse().Prepend(lines[0]));

        string first = DatasetIdOf(await Train(csv, Path.Combine(_root, "out-a")));
        string second = DatasetIdOf(await Train(csv, Path.Combine(_root, "out-b")));
        string third = DatasetIdOf(await Train(reordered, Path.Combine(_root, "out-c")));
        Assert.Matches("^ds_[a-z2-7]{26}$", first);
        Assert.Equal(first, second);
        Assert.Equal(first, third);

        // One ledger, in the home, not beside any output (the home also keeps the dataset-version lineage beside it).
        string ledgerPath = Path.Combine(_root, "home", SynthDataHome.LedgerFileName);
        Assert.True(File.Exists(ledgerPath));
        Assert.All(Directory.EnumerateFiles(_root, "*.db", SearchOption.AllDirectories), f => Assert.Equal(Path.Combine(_root, "home"), Path.GetDirectoryName(f)));
        Assert.Single(Directory.EnumerateFiles(_root, "*.db", SearchOption.AllDirectories), f => !f.EndsWith(".versions.db", StringComparison.Ordinal));
        var ledger = PrivacyBudgetLedger.Open(ledgerPath, new BestOfAccountants());
        var entries = ledger.Entries(first);
        Assert.Equal(3, entries.Count);
        Assert.All(entries, e => Assert.Equal(LedgerState.Charged, e.State));
        double delta = ledger.Budget(first)!.Delta;
        double lifetime = ledger.LifetimeEpsilon(first, delta);
        Assert.True(lifetime > 1.0, $"three runs at epsilon 1 compose to {lifetime}");

        // A policy whose lifetime budget the three runs have nearly used: a fourth run is refused, and spends nothing.
        string policy = Path.Combine(_root, "tight.yaml");
        File.WriteAllText(policy, FormattableString.Invariant($"""
            id: tight
            version: 1
            max_epsilon_per_release: 1
            max_delta_factor: 0.1
            lifetime_epsilon_budget: {lifetime + 0.01}
            min_rows: 1000
            """));
        var refused = await Train(reordered, Path.Combine(_root, "out-d"), "--policy", policy);
        Assert.Equal(3, refused.ExitCode);
        Assert.Contains("lifetime epsilon", refused.Error);
        Assert.False(File.Exists(Path.Combine(_root, "out-d", "model.model")));
        Assert.Equal(3, ledger.Entries(first).Count);

        // A non-private baseline is labelled and spends nothing.
        Directory.CreateDirectory(Path.Combine(_root, "out-e"));
        var baseline = await CliServerModeTests.Cli(["train", csv, "--schema", Sample("bank-marketing.schema.json"), "--no-privacy",
            "--epochs", "1", "--hidden", "16", "--latent-dim", "4", "--out", Path.Combine(_root, "out-e", "baseline.model")]);
        Assert.True(baseline.ExitCode == 0, baseline.Error);
        Assert.Contains("NO PRIVACY", baseline.Out);
        Assert.Equal(3, ledger.Entries(first).Count);
    }
}
