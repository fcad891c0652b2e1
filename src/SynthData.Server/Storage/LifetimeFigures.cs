using System.Security.Cryptography;
using System.Text;
using SynthData.Core.Governance.Ledger;
using SynthData.Core.Privacy;
using SynthData.Core.Privacy.Accounting;
using SynthData.Server.Storage.Sql;

namespace SynthData.Server.Storage;

/// <summary>A dataset's lifetime epsilon as the accountant composes its ledger: settled runs, and settled plus reserved ones.</summary>
public sealed record LifetimeEpsilon(double Spent, double Committed);

/// <summary>
/// Lifetime figures composed once per ledger change and kept in the store, so reads (GetDataset, ListDatasets) do
/// not recompose PLD and RDP on every call. Each figure is stored with the revision of the ledger it was composed
/// from: the digest of the delta and every run's id and state. A reservation adds a run and a settlement or release
/// changes a state, so any change gives a new revision and the stored figure is not used again: a stale figure
/// cannot be served, whichever process or replica changed the ledger.
/// </summary>
public interface ILifetimeFigures
{
    /// <summary>The figures for the ledger as given, from the store when composed before, else composed and stored.</summary>
    LifetimeEpsilon Of(string ledgerKey, double delta, IReadOnlyList<LedgerEntry> entries);
}

public sealed class LifetimeFigures(SqlDatabase db, IPrivacyAccountant accountant) : ILifetimeFigures
{
    long _compositions;

    /// <summary>How many times this instance composed a ledger (what the cache saves).</summary>
    public long Compositions => Interlocked.Read(ref _compositions);

    public static string Revision(double delta, IReadOnlyList<LedgerEntry> entries)
    {
        var text = new StringBuilder(delta.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
        foreach (var entry in entries.OrderBy(e => e.RunId, StringComparer.Ordinal)) text.Append('\n').Append(entry.RunId).Append(' ').Append(entry.State);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    public LifetimeEpsilon Of(string ledgerKey, double delta, IReadOnlyList<LedgerEntry> entries)
    {
        string revision = Revision(delta, entries);
        var stored = db.Query("SELECT spent_epsilon, committed_epsilon FROM lifetime_figures WHERE ledger_key = @key AND revision = @revision",
            r => new LifetimeEpsilon(r.Double("spent_epsilon"), r.Double("committed_epsilon")), ("@key", ledgerKey), ("@revision", revision)).SingleOrDefault();
        if (stored is not null) return stored;
        Interlocked.Increment(ref _compositions);
        var figures = new LifetimeEpsilon(
            Compose(entries.Where(e => e.State == LedgerState.Charged), delta),
            Compose(entries.Where(e => e.State != LedgerState.Released), delta));
        db.NonQuery("INSERT INTO lifetime_figures (ledger_key, revision, spent_epsilon, committed_epsilon, composed_at) VALUES (@key, @revision, @spent, @committed, @at) " +
                    "ON CONFLICT (ledger_key) DO UPDATE SET revision = excluded.revision, spent_epsilon = excluded.spent_epsilon, " +
                    "committed_epsilon = excluded.committed_epsilon, composed_at = excluded.composed_at",
            ("@key", ledgerKey), ("@revision", revision), ("@spent", figures.Spent), ("@committed", figures.Committed), ("@at", SqlDatabase.Now()));
        return figures;
    }

    double Compose(IEnumerable<LedgerEntry> selected, double delta)
    {
        var events = selected.Select(e => e.Event).ToArray();
        return events.Length == 0 ? 0 : accountant.GetEpsilon(new ComposedEvent(events), delta).Epsilon;
    }
}
