using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using SynthData.Api.V1;
using SynthData.Core.Governance.Ledger;
using SynthData.Core.Privacy.Accounting;
using SynthData.Server.Hosting;
using SynthData.Server.Storage;

namespace SynthData.Server.Governance;

/// <summary>
/// The server's privacy ledger (&lt;DataDirectory&gt;/privacy-ledger.db, Core's SQLite ledger). A dataset's budget
/// is keyed by its tenant and its keyed content fingerprint, not by upload id: uploading the same rows again, re-saved,
/// reordered or converted, does not start a fresh budget. Tenants never share an entry, so one tenant cannot spend or observe another's.
/// </summary>
public sealed class DatasetLedger(IOptions<SynthDataServerOptions> options)
{
    public PrivacyBudgetLedger Ledger { get; } = Open(Path.Combine(Path.GetFullPath(options.Value.DataDirectory), "privacy-ledger.db"));

    static PrivacyBudgetLedger Open(string path)
    {
        PrivateFiles.CreateDirectory(Path.GetDirectoryName(path)!);
        PrivateFiles.PrepareDatabase(path); // created 0600 before SQLite opens it, so its -wal and -shm are too
        try
        {
            return PrivacyBudgetLedger.Open(path, new BestOfAccountants());
        }
        catch (SqliteException e)
        {
            throw new DamagedDatabaseException(path, "the privacy ledger", e);
        }
    }

    /// <summary>The ledger key fixed at upload (<see cref="Datasets.LedgerKeys"/>).</summary>
    public static string KeyOf(DatasetRecord dataset) => dataset.LedgerKey ?? throw new InvalidOperationException($"Dataset {dataset.Id} has no ledger key.");

    /// <summary>What the next admission is held to: budgets only tighten, so the smaller of the recorded and the policy's.</summary>
    static double Effective(double? recorded, double policyBudget) =>
        recorded is not { } r ? policyBudget : policyBudget > 0 ? Math.Min(r, policyBudget) : r;

    /// <summary>Spent (settled runs), committed (plus outstanding reservations) and what remains, each composed by the accountant.</summary>
    public BudgetStatus Status(DatasetRecord dataset, double policyBudget)
    {
        string key = KeyOf(dataset);
        var budget = Ledger.Budget(key);
        var status = new BudgetStatus { LifetimeEpsilonBudget = Effective(budget?.LifetimeBudget, policyBudget), Accountant = BestOfAccountants.AccountantName };
        if (budget is null) { status.RemainingEpsilon = status.LifetimeEpsilonBudget; return status; }
        var entries = Ledger.Entries(key);
        var accountant = new BestOfAccountants();
        double Compose(IEnumerable<LedgerEntry> selected)
        {
            var events = selected.Select(e => e.Event).ToArray();
            return events.Length == 0 ? 0 : accountant.GetEpsilon(new Core.Privacy.ComposedEvent(events), budget.Delta).Epsilon;
        }
        status.Delta = budget.Delta;
        status.SpentEpsilon = Compose(entries.Where(e => e.State == LedgerState.Charged));
        status.CommittedEpsilon = Compose(entries.Where(e => e.State != LedgerState.Released));
        status.RemainingEpsilon = Math.Max(0, budget.LifetimeBudget - status.CommittedEpsilon);
        return status;
    }
}
