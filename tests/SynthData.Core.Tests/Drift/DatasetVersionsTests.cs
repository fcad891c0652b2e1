using System.Globalization;
using System.Text;
using SynthData.Core.Governance.Ledger;
using SynthData.Core.Governance.Policies;
using SynthData.Core.Model.Training;
using SynthData.Core.Privacy.Accounting;
using SynthData.Core.Privacy.Randomness;
using SynthData.Core.Synthesis;
using SynthData.Core.Tabular.Io;
using SynthData.Core.Tabular.Schema;
using SynthData.Core.Tests.Tabular;
using SynthData.Core.Tests.TestSupport;
using Xunit;

namespace SynthData.Core.Tests.Drift;

/// <summary>Versions of one dataset share its lifetime budget. Admission only: nothing here trains.</summary>
public sealed class DatasetVersionsTests : IDisposable
{
    readonly TestFiles _files = new();
    readonly PrivacyBudgetLedger _ledger;
    readonly DatasetVersions _versions;

    static readonly ReleasePolicy Policy = new()
    {
        Id = "versions-test", Version = 1, MaxEpsilonPerRelease = 2, MaxDeltaFactor = 0.1, LifetimeEpsilonBudget = 2, MinRows = 100,
    };

    static readonly TrainingConfiguration Config = new()
    {
        Epsilon = 1.5, Epochs = 1, BatchSize = 128, Seed = 1, Randomness = RandomnessMode.ReproducibleInsecure,
    };

    public DatasetVersionsTests()
    {
        string ledgerPath = _files.PathOf("ledger.db");
        _ledger = PrivacyBudgetLedger.Open(ledgerPath, new BestOfAccountants());
        _versions = DatasetVersions.Open(DatasetVersions.PathBeside(ledgerPath));
    }

    public void Dispose() => _files.Dispose();

    TrainingInput Month(int month)
    {
        var random = new Random(month);
        var text = new StringBuilder("amount,plan\n");
        for (int r = 0; r < 600; r++) text.Append(CultureInfo.InvariantCulture, $"{random.Next(1000)},{(random.Next(2) == 0 ? "a" : "b")}\n");
        var path = _files.Write($"month-{month}.csv", text.ToString());
        var schema = _files.Write("months.schema.json",
            """{ "columns": { "amount": { "kind": "integer", "min": 0, "max": 1000 }, "plan": { "kind": "categorical", "categories": ["a", "b"] } } }""");
        using var reader = TableReaders.Open(path);
        return new TrainingInput(path, SchemaResolver.Resolve(reader, SchemaFile.Load(schema)), TestKeys.Fingerprint);
    }

    LedgeredRun Admit(int month, string? versionOf) =>
        LedgeredTraining.Admit(Month(month), Config, Policy, _ledger, fingerprint => _versions.DatasetIdFor(_ledger, fingerprint, versionOf));

    [Fact]
    public void A_run_on_version_2_is_refused_when_version_1_used_up_the_budget()
    {
        // Version 1's run reserves epsilon 1.5 of the lifetime 2; a second run of 1.5 composes to well above 2.
        var first = Admit(1, versionOf: null);
        Assert.True(first.Allowed);

        var second = Admit(2, versionOf: first.DatasetId);

        Assert.Equal(first.DatasetId, second.DatasetId);
        Assert.False(second.Allowed);
        Assert.Contains(second.Admission.Reasons, r => r.Contains("lifetime epsilon", StringComparison.Ordinal));
        Assert.Equal(2, _versions.VersionOf(second.Source.Fingerprint)!.Version);
    }

    /// <summary>A dataset id the ledger has charged once (a Gaussian release), keyed by a made-up fingerprint.</summary>
    string Charged(string fingerprint)
    {
        string id = _ledger.DatasetIdFor(fingerprint);
        Assert.True(_ledger.TryReserve(id, $"run-{fingerprint}", new SynthData.Core.Privacy.GaussianEvent(5), 10, 1e-5).Admitted);
        return id;
    }

    [Fact]
    public void Without_a_declaration_another_table_has_its_own_id_and_once_declared_stays_a_version()
    {
        string parent = Charged("fp-month-1");
        Assert.NotEqual(parent, _versions.DatasetIdFor(_ledger, "fp-month-3", versionOf: null));

        Assert.Equal(parent, _versions.DatasetIdFor(_ledger, "fp-month-4", versionOf: parent));
        Assert.Equal(parent, _versions.DatasetIdFor(_ledger, "fp-month-4", versionOf: null));
        Assert.Equal(parent, _versions.DatasetIdFor(_ledger, "fp-month-5", versionOf: parent));
        Assert.Equal([2, 3], _versions.Lineage(parent).Select(v => v.Version));
    }

    [Fact]
    public void A_version_of_an_unknown_dataset_or_of_two_datasets_is_refused()
    {
        Assert.Throws<UnknownDatasetException>(() => _versions.DatasetIdFor(_ledger, "fp-month-1", versionOf: "ds_doesnotexist"));
        string first = Charged("fp-a"), other = Charged("fp-b");
        _versions.Declare(_ledger, "fp-month-6", first);
        Assert.Throws<VersionConflictException>(() => _versions.Declare(_ledger, "fp-month-6", other));
        Assert.Equal(first, _versions.Declare(_ledger, "fp-month-6", first).DatasetId);
    }
}
