using System.Text.Json;
using SynthData.Server.Storage.Sql;

namespace SynthData.Server.Storage;

/// <summary>
/// Jobs and their state machine. Reads for a caller take the tenant; the job runner, which owns every tenant's jobs,
/// uses the reads named AcrossTenants, so a request handler cannot reach another tenant's job by forgetting an argument.
/// </summary>
public interface IJobs
{
    JobRecord Insert(string tenantId, string datasetId, string kind, long totalSteps, double targetEpsilon, double delta, string parametersJson);
    /// <summary>The job when it belongs to the tenant; another tenant's id looks exactly like an unknown one.</summary>
    JobRecord? Get(string tenantId, string jobId);
    /// <summary>The job runner's lookup, for any tenant: never for a caller's request.</summary>
    JobRecord? GetAcrossTenants(string jobId);
    IReadOnlyList<JobRecord> List(string tenantId, string? datasetId);
    /// <summary>The tenant's jobs (of one dataset, or all) in creation order, a page at a time after the job with id <paramref name="after"/>.</summary>
    Page<JobRecord> List(string tenantId, string? datasetId, int pageSize, string? after);
    /// <summary>Start-up recovery: every tenant's jobs in the state, oldest first.</summary>
    IReadOnlyList<JobRecord> InStateAcrossTenants(JobState state);
    /// <summary>Queued -> Running; false when the job is no longer queued (cancelled while waiting).</summary>
    bool MarkRunning(string jobId);
    void RecordProgress(string jobId, long stepsTaken, long totalSteps, double epsilonSpent, double noiseMultiplier, double lastLoss);
    /// <summary>
    /// Moves a job that is not yet terminal to a terminal state; false when it already was (a terminal state is
    /// final, so a late writer cannot overwrite the first outcome).
    /// </summary>
    bool Finish(string jobId, JobState state, IReadOnlyList<string> reasons, string? modelId = null);
    /// <summary>
    /// Raises the job's write-ahead step charge (never lowers it): recorded before those steps run, so after a
    /// crash the ledger charges at least what was consumed.
    /// </summary>
    void ChargeStepsAhead(string jobId, long steps);

    /// <summary>
    /// Claims the oldest queued job for <paramref name="owner"/> (Queued -> Running, leased until now + lease), or null
    /// when none is queued. Rows another replica is claiming are skipped, not waited for, so each job is claimed once.
    /// </summary>
    JobRecord? ClaimNextQueued(string owner, TimeSpan lease);
    /// <summary>Gives the job to <paramref name="owner"/> until now + lease (the replica that holds its work).</summary>
    void TakeLease(string jobId, string owner, TimeSpan lease);
    /// <summary>Extends every unfinished job <paramref name="owner"/> holds; returns how many it still holds.</summary>
    int RenewLeases(string owner, TimeSpan lease);
    /// <summary>Unfinished jobs, of any tenant, whose lease expired before <paramref name="now"/>: their replica stopped renewing.</summary>
    IReadOnlyList<JobRecord> WithExpiredLeaseAcrossTenants(DateTimeOffset now);
    /// <summary>Fails the job if its lease is still expired at <paramref name="now"/>; false when another replica got there first or its owner renewed.</summary>
    bool FailIfLeaseExpired(string jobId, DateTimeOffset now, string reason);

    /// <summary>Queued -> Cancelled; false when a worker claimed (or something ended) the job first, so a running job is never marked cancelled under its runner.</summary>
    bool CancelIfQueued(string jobId, string reason);
    /// <summary>Flags a running job for cancellation, for whichever replica runs it; false when it is not running.</summary>
    bool RequestCancel(string jobId, string? reason);
    /// <summary>The running jobs <paramref name="owner"/> holds that someone asked to cancel, with the cause when one was given.</summary>
    IReadOnlyList<(string JobId, string? Reason)> CancelRequestsFor(string owner);
    /// <summary>Jobs waiting for a worker, on every replica: what the queue's capacity counts when the store is shared.</summary>
    long CountQueued();
}

public sealed class Jobs(SqlDatabase db) : IJobs
{
    const string Columns = "id, tenant_id, dataset_id, kind, state, steps_taken, total_steps, target_epsilon, delta, epsilon_spent, " +
                           "noise_multiplier, last_loss, model_id, parameters_json, reasons_json, created_at, started_at, finished_at, steps_charged";

    static JobRecord Read(Row r) => new()
    {
        Id = r.Text("id"),
        TenantId = r.Text("tenant_id"),
        DatasetId = r.Text("dataset_id"),
        Kind = r.Text("kind"),
        State = Enum.Parse<JobState>(r.Text("state"), ignoreCase: true),
        StepsTaken = r.Int64("steps_taken"),
        TotalSteps = r.Int64("total_steps"),
        TargetEpsilon = r.Double("target_epsilon"),
        Delta = r.Double("delta"),
        EpsilonSpent = r.Double("epsilon_spent"),
        NoiseMultiplier = r.Double("noise_multiplier"),
        LastLoss = r.Double("last_loss"),
        ModelId = r.OptionalText("model_id"),
        ParametersJson = r.Text("parameters_json"),
        Reasons = JsonSerializer.Deserialize<string[]>(r.Text("reasons_json")) ?? [],
        CreatedAt = r.Time("created_at"),
        StartedAt = r.OptionalTime("started_at"),
        FinishedAt = r.OptionalTime("finished_at"),
        StepsCharged = r.Int64("steps_charged"),
    };

    static string StateText(JobState state) => state.ToString().ToLowerInvariant();

    readonly TenantListing<JobRecord> _listing = new(db, "jobs", Columns, Read, j => j.Id);

    public JobRecord Insert(string tenantId, string datasetId, string kind, long totalSteps, double targetEpsilon, double delta, string parametersJson)
    {
        string id = ServerStore.NewId("job");
        db.NonQuery("INSERT INTO jobs (id, tenant_id, dataset_id, kind, state, total_steps, target_epsilon, delta, parameters_json, created_at) " +
                    "VALUES (@id, @tenant, @dataset, @kind, 'queued', @total, @eps, @delta, @params, @at)",
            ("@id", id), ("@tenant", tenantId), ("@dataset", datasetId), ("@kind", kind), ("@total", totalSteps),
            ("@eps", targetEpsilon), ("@delta", delta), ("@params", parametersJson), ("@at", SqlDatabase.Now()));
        return Get(tenantId, id)!;
    }

    public JobRecord? Get(string tenantId, string jobId) =>
        db.Query($"SELECT {Columns} FROM jobs WHERE id = @id AND tenant_id = @tenant", Read, ("@id", jobId), ("@tenant", tenantId)).SingleOrDefault();

    public JobRecord? GetAcrossTenants(string jobId) =>
        db.Query($"SELECT {Columns} FROM jobs WHERE id = @id", Read, ("@id", jobId)).SingleOrDefault();

    public IReadOnlyList<JobRecord> List(string tenantId, string? datasetId) => _listing.All(tenantId, datasetId);

    public Page<JobRecord> List(string tenantId, string? datasetId, int pageSize, string? after) => _listing.Page(tenantId, datasetId, pageSize, after);

    public IReadOnlyList<JobRecord> InStateAcrossTenants(JobState state) =>
        db.Query($"SELECT {Columns} FROM jobs WHERE state = @state ORDER BY created_at, id", Read, ("@state", StateText(state)));

    public bool MarkRunning(string jobId) =>
        db.NonQuery("UPDATE jobs SET state = 'running', started_at = @at WHERE id = @id AND state = 'queued'", ("@id", jobId), ("@at", SqlDatabase.Now())) == 1;

    public void RecordProgress(string jobId, long stepsTaken, long totalSteps, double epsilonSpent, double noiseMultiplier, double lastLoss) =>
        db.NonQuery("UPDATE jobs SET steps_taken = @steps, total_steps = @total, epsilon_spent = @eps, noise_multiplier = @sigma, last_loss = @loss " +
                    "WHERE id = @id AND state = 'running'",
            ("@id", jobId), ("@steps", stepsTaken), ("@total", totalSteps), ("@eps", epsilonSpent), ("@sigma", noiseMultiplier), ("@loss", lastLoss));

    public bool Finish(string jobId, JobState state, IReadOnlyList<string> reasons, string? modelId = null)
    {
        if (!state.IsTerminal()) throw new ArgumentException("Not a terminal state.", nameof(state));
        return db.NonQuery("UPDATE jobs SET state = @state, reasons_json = @reasons, model_id = COALESCE(@model, model_id), finished_at = @at " +
                           "WHERE id = @id AND state IN ('queued','running')",
            ("@id", jobId), ("@state", StateText(state)), ("@reasons", JsonSerializer.Serialize(reasons)), ("@model", modelId), ("@at", SqlDatabase.Now())) == 1;
    }

    public JobRecord? ClaimNextQueued(string owner, TimeSpan lease)
    {
        string? id = db.Query("UPDATE jobs SET state = 'running', started_at = @at, lease_owner = @owner, lease_expires = @expires " +
                              $"WHERE state = 'queued' AND id = (SELECT id FROM jobs WHERE state = 'queued' ORDER BY created_at, id LIMIT 1{db.LockSkippingOthers}) RETURNING id",
            r => r.Text("id"), ("@at", SqlDatabase.Now()), ("@owner", owner), ("@expires", SqlDatabase.Stamp(DateTimeOffset.UtcNow + lease))).SingleOrDefault();
        return id is null ? null : GetAcrossTenants(id);
    }

    public void TakeLease(string jobId, string owner, TimeSpan lease) =>
        db.NonQuery("UPDATE jobs SET lease_owner = @owner, lease_expires = @expires WHERE id = @id AND state IN ('queued','running')",
            ("@id", jobId), ("@owner", owner), ("@expires", SqlDatabase.Stamp(DateTimeOffset.UtcNow + lease)));

    public int RenewLeases(string owner, TimeSpan lease) =>
        db.NonQuery("UPDATE jobs SET lease_expires = @expires WHERE lease_owner = @owner AND state IN ('queued','running')",
            ("@owner", owner), ("@expires", SqlDatabase.Stamp(DateTimeOffset.UtcNow + lease)));

    public IReadOnlyList<JobRecord> WithExpiredLeaseAcrossTenants(DateTimeOffset now) =>
        db.Query($"SELECT {Columns} FROM jobs WHERE state IN ('queued','running') AND lease_expires < @now ORDER BY created_at, id",
            Read, ("@now", SqlDatabase.Stamp(now)));

    public bool FailIfLeaseExpired(string jobId, DateTimeOffset now, string reason) =>
        db.NonQuery("UPDATE jobs SET state = 'failed', reasons_json = @reasons, finished_at = @at " +
                    "WHERE id = @id AND state IN ('queued','running') AND lease_expires < @now",
            ("@id", jobId), ("@reasons", JsonSerializer.Serialize(new[] { reason })), ("@at", SqlDatabase.Now()), ("@now", SqlDatabase.Stamp(now))) == 1;

    public bool CancelIfQueued(string jobId, string reason) =>
        db.NonQuery("UPDATE jobs SET state = 'cancelled', reasons_json = @reasons, finished_at = @at WHERE id = @id AND state = 'queued'",
            ("@id", jobId), ("@reasons", JsonSerializer.Serialize(new[] { reason })), ("@at", SqlDatabase.Now())) == 1;

    public bool RequestCancel(string jobId, string? reason) =>
        db.NonQuery("UPDATE jobs SET cancel_requested = 1, cancel_reason = COALESCE(cancel_reason, @reason) WHERE id = @id AND state = 'running'",
            ("@id", jobId), ("@reason", reason)) == 1;

    public IReadOnlyList<(string JobId, string? Reason)> CancelRequestsFor(string owner) =>
        db.Query("SELECT id, cancel_reason FROM jobs WHERE state = 'running' AND lease_owner = @owner AND cancel_requested = 1",
            r => (r.Text("id"), r.OptionalText("cancel_reason")), ("@owner", owner));

    public long CountQueued() => db.Query("SELECT COUNT(*) AS n FROM jobs WHERE state = 'queued'", r => r.Int64("n")).Single();

    public void ChargeStepsAhead(string jobId, long steps) =>
        db.NonQuery($"UPDATE jobs SET steps_charged = {db.Greatest}(steps_charged, @steps) WHERE id = @id", ("@id", jobId), ("@steps", steps));
}
