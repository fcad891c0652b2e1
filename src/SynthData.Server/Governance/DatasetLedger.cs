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
public sealed class DatasetLedger(IOptions<SynthDataServerOptions> options, ServerStore store)
{
    public IPrivacyBudgetLedger Ledger { get; } = StoreBackend.SharedLedger(store) ?? Open(Path.Combine(Path.GetFullPath(options.Value.DataDirectory), "privacy-ledger.db"));

    static PrivacyBudgetLedger Open(string path)
    {
        PrivateFiles.CreateDirectory(Path.GetDirectoryName(path)!);
        PrivateFiles.PrepareDatabase(path); // created 0600 before SQLite opens it, so its -wal and -shm are too
        try
        {
            return PrivacyBudgetLedger.Open(path, new MemoizedAccountant(new BestOfAccountants()));
        }
        catch (SqliteException e)
        {
            throw new DamagedDatabaseException(path, "the privacy ledger", e);
        }
    }

    /// <summary>Composes the key's lifetime figures now if its ledger changed, so the next read finds them stored.</summary>
    public void Refresh(string key)
    {
        if (Ledger.Budget(key) is { } budget) store.LifetimeFigures.Of(key, budget.Delta, Ledger.Entries(key));
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
        var figures = store.LifetimeFigures.Of(key, budget.Delta, Ledger.Entries(key)); // composed once per ledger change
        status.Delta = budget.Delta;
        status.SpentEpsilon = figures.Spent;
        status.CommittedEpsilon = figures.Committed;
        status.RemainingEpsilon = Math.Max(0, budget.LifetimeBudget - status.CommittedEpsilon);
        return status;
    }
}
