using SynthData.Server.Audits;
using SynthData.Server.Lifecycle;
using SynthData.Server.Storage;
using SynthData.Server.Training;

namespace SynthData.Server.Jobs;

/// <summary>
/// When the store is shared by replicas, the replica that admits a job does not hold its work: whichever replica
/// claims the queued row rebuilds the work from the row (its kind and parameters_json) with the builder of its kind.
/// A builder only captures the record; reading rows belongs in the work, under its cancellation token.
/// </summary>
public sealed class JobWorkBuilders
{
    readonly Dictionary<string, Func<JobRecord, IJobWork>> _builders;

    /// <param name="services">Resolves the drift runner when a drift job is claimed: it submits to the queue, which needs these builders first.</param>
    public JobWorkBuilders(TrainingJobWork training, AuditJob audits, IServiceProvider services)
    {
        _builders = new(StringComparer.Ordinal)
        {
            [TrainingJobWork.Kind] = training.WorkFor,
            [AuditJobParameters.Kind] = audits.WorkFor,
            [DriftJobParameters.Kind] = job => services.GetRequiredService<DriftCheckRunner>().WorkFor(job)
                                               ?? throw new JobRebuildException("its parameters are not a drift check's"),
            // Further kinds register here: kind -> work rebuilt from the job's row.
        };
    }

    /// <summary>Tests add kinds of their own.</summary>
    public void Register(string kind, Func<JobRecord, IJobWork> builder) => _builders[kind] = builder;

    /// <summary>The work of a claimed job; a kind nobody registered fails the job rather than leaving it to the lease reaper.</summary>
    public IJobWork WorkFor(JobRecord job) => _builders.TryGetValue(job.Kind, out var build)
        ? build(job)
        : throw new JobRebuildException($"this server has no work of kind '{job.Kind}'");
}
