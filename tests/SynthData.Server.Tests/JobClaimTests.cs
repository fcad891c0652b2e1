using SynthData.Server.Storage;

namespace SynthData.Server.Tests;

/// <summary>The claim and lease statements on the embedded store (the PostgreSQL tests run the same SQL across replicas).</summary>
public sealed class JobClaimTests
{
    [Fact]
    public void Queued_jobs_are_claimed_oldest_first_once_and_an_unrenewed_lease_expires()
    {
        var store = new ServerStore(Path.Combine(TestFiles.NewTempDirectory(), "data"));
        string tenant = store.TenantKeys.EnsureTenant("acme");
        var dataset = new DatasetRecord { Id = ServerStore.NewId("ds"), TenantId = tenant, Name = "t", Format = "csv", RowCount = 10, SchemaJson = "{}", PolicyId = "default", Fingerprint = "", RawPath = "/nowhere.csv", Erased = false, CreatedAt = DateTimeOffset.UtcNow };
        store.Datasets.Insert(dataset);
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
}
