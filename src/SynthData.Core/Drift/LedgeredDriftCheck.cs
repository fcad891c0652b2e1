using SynthData.Core.Governance.Ledger;
using SynthData.Core.Model;
using SynthData.Core.Privacy;
using SynthData.Core.Privacy.Accounting;
using SynthData.Core.Privacy.Mechanisms;
using SynthData.Core.Privacy.Randomness;
using SynthData.Core.Tabular;

namespace SynthData.Core.Drift;

/// <summary>What a drift check costs, shown before it runs: its own epsilon and the dataset's lifetime epsilon before and after (composed, not summed).</summary>
/// <param name="DatasetId">Dataset the check is charged to.</param>
/// <param name="CheckEpsilon">Epsilon of the check alone.</param>
/// <param name="Delta">Delta all epsilons are computed at.</param>
/// <param name="LifetimeBefore">The dataset's composed epsilon before the check.</param>
/// <param name="LifetimeAfter">The dataset's composed epsilon with the check.</param>
/// <param name="LifetimeBudget">The smaller of the requested and the ledger's lifetime budget.</param>
public sealed record DriftCost(string DatasetId, double CheckEpsilon, double Delta, double LifetimeBefore, double LifetimeAfter, double LifetimeBudget)
{
    /// <summary>True when the check fits the dataset's lifetime budget.</summary>
    public bool WithinBudget => LifetimeAfter <= LifetimeBudget;
}

/// <summary>The outcome of a ledgered check: refused (over budget, nothing read) or the report and the charge.</summary>
/// <param name="Cost">The cost, updated with the ledger's figure when refused.</param>
/// <param name="Report">The report, or null when refused.</param>
/// <param name="RunId">The ledger run charged, or null when refused.</param>
public sealed record LedgeredDriftResult(DriftCost Cost, DriftReport? Report, string? RunId)
{
    /// <summary>True when the budget refused the check and no row was read.</summary>
    public bool Refused => Report is null;
}

/// <summary>
/// A drift check charged to a dataset's privacy ledger like any run: the new rows are a version of the model's dataset,
/// so they share its lifetime budget. The release is reserved before any row is read (inside the ledger's write lock,
/// so concurrent runs never overspend) and settled as soon as it is made; the comparison after it is free.
/// </summary>
public static class LedgeredDriftCheck
{
    /// <summary>The delta the dataset's lifetime is tracked at (its first run's), else the model's.</summary>
    public static double DeltaFor(IPrivacyBudgetLedger ledger, string datasetId, TrainedModel model) =>
        ledger.Budget(datasetId)?.Delta ?? model.Manifest.Plan.Delta;

    /// <summary>Composes the dataset's non-released ledger events with the check's to show its cost before it runs.</summary>
    public static DriftCost Cost(IPrivacyBudgetLedger ledger, IPrivacyAccountant accountant, string datasetId, DriftNoise noise, double lifetimeBudget)
    {
        var charged = ledger.Entries(datasetId).Where(e => e.State != LedgerState.Released).Select(e => e.Event).ToArray();
        double budget = Math.Min(lifetimeBudget, ledger.Budget(datasetId)?.LifetimeBudget ?? lifetimeBudget);
        double before = charged.Length == 0 ? 0 : accountant.GetEpsilon(new ComposedEvent(charged), noise.Delta).Epsilon;
        double after = accountant.GetEpsilon(new ComposedEvent([.. charged, noise.Event]), noise.Delta).Epsilon;
        return new DriftCost(datasetId, noise.Epsilon, noise.Delta, before, after, budget);
    }

    /// <summary>Reserves the check in the ledger under <paramref name="runId"/> before any row is read; false when the budget refuses it (the cost then carries the ledger's figure).</summary>
    public static (bool Admitted, DriftCost Cost) Reserve(IPrivacyBudgetLedger ledger, DriftCost cost, string runId, DriftNoise noise)
    {
        var reservation = ledger.TryReserve(cost.DatasetId, runId, noise.Event, cost.LifetimeBudget, noise.Delta);
        return (reservation.Admitted, reservation.Admitted ? cost : cost with { LifetimeAfter = reservation.LifetimeEpsilonWithRun });
    }

    /// <summary>
    /// The one read of the new rows for a reserved check: releases the noisy histograms and settles the charge at once;
    /// a failure before the noise is added released nothing, so the reservation is given back.
    /// </summary>
    public static IReadOnlyList<double[]> MeasureReserved(IPrivacyBudgetLedger ledger, string runId, TrainedModel model, TabularData newRows,
        DriftSettings settings, DriftNoise noise, RunRandomness randomness)
    {
        MechanismOutput<IReadOnlyList<double[]>> released;
        try
        {
            released = DriftCheck.Measure(model, newRows, settings, noise, randomness);
        }
        catch
        {
            // Measure adds the noise last, after every check of the table: a failure there released nothing.
            ledger.ReleaseReservation(runId);
            throw;
        }
        ledger.Settle(runId, new ComposedEvent([released.Record.Event]));
        return released.Value;
    }

    /// <summary>Reserves the check in the ledger, releases the histograms, settles the charge and compares; refuses without reading when over budget.</summary>
    public static LedgeredDriftResult Run(IPrivacyBudgetLedger ledger, DriftCost cost, TrainedModel model, TabularData newRows, DriftSettings settings,
        DriftNoise noise, RunRandomness randomness, CancellationToken cancellationToken = default)
    {
        string runId = $"drift-{Guid.NewGuid():N}";
        var (admitted, charged) = Reserve(ledger, cost, runId, noise);
        if (!admitted) return new LedgeredDriftResult(charged, null, null);
        var released = MeasureReserved(ledger, runId, model, newRows, settings, noise, randomness);
        return new LedgeredDriftResult(cost, DriftCheck.Compare(model, released, settings, noise, randomness.Mode, cancellationToken), runId);
    }
}
