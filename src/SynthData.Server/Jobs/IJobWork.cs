namespace SynthData.Server.Jobs;

/// <summary>
/// The work of one job, run by <see cref="JobQueue"/>. It reports each step through the progress
/// object and stops between steps when the token fires (user cancel or server shutdown), throwing
/// OperationCanceledException. Work that spends privacy budget settles the ledger itself in a
/// finally block, so cancelled and failed runs are charged for the steps they took.
/// </summary>
public interface IJobWork
{
    Task<JobCompletion> RunAsync(JobProgress progress, CancellationToken cancellationToken);
}

/// <summary>Adapts a delegate, for the lead's wiring and for tests.</summary>
public sealed class DelegateJobWork(Func<JobProgress, CancellationToken, Task<JobCompletion>> run) : IJobWork
{
    public Task<JobCompletion> RunAsync(JobProgress progress, CancellationToken cancellationToken) => run(progress, cancellationToken);
}

/// <summary>What a successful job produced.</summary>
public sealed record JobCompletion(string? ModelId = null, string? Message = null);
