using SynthData.Server.Storage;

namespace SynthData.Server.Tests;

/// <summary>The claim and lease statements on the embedded store (the PostgreSQL tests run the same SQL across replicas).</summary>
public sealed class JobClaimTests
{
    static (ServerStore Store, string Tenant, DatasetRecord Dataset) StoreWithDataset()
    {
        var store = new ServerStore(Path.Combine(TestFiles.NewTempDirectory(), "data"));
        string tenant = store.TenantKeys.EnsureTenant("acme");
        var dataset = new DatasetRecord { Id = ServerStore.NewId("ds"), TenantId = tenant, Name = "t", Format = "csv", RowCount = 10, SchemaJson = "{}", PolicyId = "default", Fingerprint = "", RawPath = "/nowhere.csv", Erased = false, CreatedAt = DateTimeOffset.UtcNow };
        store.Datasets.Insert(dataset);
        return (store, tenant, dataset);
    }

    [Fact]
    public void Queued_jobs_are_claimed_oldest_first_once_and_an_unrenewed_lease_expires()
    {
        var (store, tenant, dataset) = StoreWithDataset();
        string first = store.Jobs.Insert(tenant, dataset.Id, "train", 10, 1, 1e-5, "{}").Id;
        string second = store.Jobs.Insert(tenant, dataset.Id, "train", 10, 1, 1e-5, "{}").Id;

        var lease = TimeSpan.FromMinutes(5);
        Assert.Equal(first, store.Jobs.ClaimNextQueued("a", lease)!.Id);
        Assert.Equal(second, store.Jobs.ClaimNextQueued("b", lease)!.Id);
        Assert.Null(store.Jobs.ClaimNextQueued("c", lease));
        Assert.NotNull(store.Jobs.GetAcrossTenants(first)!.StartedAt);

        Assert.Empty(store.Jobs.WithExpiredLeaseAcrossTenants(DateTimeOffset.UtcNow));
        Assert.Equal(1, store.Jobs.RenewLeases("a", lease));
        var later = DateTimeOffset.UtcNow + TimeSpan.FromMinutes(10);
        Assert.Equal([first, second], store.Jobs.WithExpiredLeaseAcrossTenants(later).Select(j => j.Id));
        Assert.True(store.Jobs.FailIfLeaseExpired(first, later, "stopped"));
        Assert.False(store.Jobs.FailIfLeaseExpired(first, later, "stopped")); // once
        Assert.False(store.Jobs.FailIfLeaseExpired(second, DateTimeOffset.UtcNow, "stopped")); // its lease still runs
        Assert.Equal(JobState.Failed, store.Jobs.GetAcrossTenants(first)!.State);
        Assert.Equal(JobState.Running, store.Jobs.GetAcrossTenants(second)!.State);
    }

    [Fact]
    public void Cancel_requests_reach_the_holder_of_a_running_job_and_a_claimed_job_is_never_cancelled_as_queued()
    {
        var (store, tenant, dataset) = StoreWithDataset();
        string running = store.Jobs.Insert(tenant, dataset.Id, "train", 10, 1, 1e-5, "{}").Id;
        string waiting = store.Jobs.Insert(tenant, dataset.Id, "train", 10, 1, 1e-5, "{}").Id;
        Assert.Equal(2, store.Jobs.CountQueued());
        Assert.False(store.Jobs.RequestCancel(running, null)); // queued: cancelled at once instead, never flagged

        var lease = TimeSpan.FromMinutes(5);
        Assert.Equal(running, store.Jobs.ClaimNextQueued("a", lease)!.Id);
        Assert.Equal(1, store.Jobs.CountQueued());
        // A cancel that read the job as queued just before the claim must not end it under its runner.
        Assert.False(store.Jobs.CancelIfQueued(running, "cancelled before it started"));
        Assert.Equal(JobState.Running, store.Jobs.GetAcrossTenants(running)!.State);

        Assert.Empty(store.Jobs.CancelRequestsFor("a"));
        Assert.True(store.Jobs.RequestCancel(running, "the dataset was erased"));
        Assert.True(store.Jobs.RequestCancel(running, null)); // a later plain request keeps the first cause
        Assert.Equal([(running, (string?)"the dataset was erased")], store.Jobs.CancelRequestsFor("a"));
        Assert.Empty(store.Jobs.CancelRequestsFor("b")); // only the holder acts on it

        Assert.True(store.Jobs.CancelIfQueued(waiting, "cancelled before it started"));
        Assert.Equal(JobState.Cancelled, store.Jobs.GetAcrossTenants(waiting)!.State);
        Assert.Equal(0, store.Jobs.CountQueued());
        Assert.True(store.Jobs.Finish(running, JobState.Cancelled, ["cancelled"]));
        Assert.Empty(store.Jobs.CancelRequestsFor("a")); // a finished job asks nothing more
    }
}
