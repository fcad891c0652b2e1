using SynthData.Server.Storage;

namespace SynthData.Server.Tests;

/// <summary>Store listings a page at a time, in creation order, after a key, within one tenant.</summary>
public sealed class PagedListingTests
{
    static (ServerStore Store, string Tenant, string Other) Setup()
    {
        var store = new ServerStore(Path.Combine(TestFiles.NewTempDirectory(), "data"));
        return (store, store.TenantKeys.EnsureTenant("acme"), store.TenantKeys.EnsureTenant("globex"));
    }

    static DatasetRecord Dataset(string tenant, int i) =>
        new()
        {
            Id = ServerStore.NewId("ds"), TenantId = tenant, Name = $"t{i}", Format = "csv", RowCount = 10, SchemaJson = "{}", PolicyId = "default",
            RawPath = "/nowhere.csv", CreatedAt = DateTimeOffset.UnixEpoch.AddMinutes(i),
        };

    [Fact]
    public void Datasets_come_in_pages_that_cover_the_tenant_once_in_creation_order()
    {
        var (store, tenant, other) = Setup();
        var mine = Enumerable.Range(0, 7).Select(i => Dataset(tenant, i)).ToList();
        foreach (var d in mine.AsEnumerable().Reverse()) store.Datasets.Insert(d); // inserted out of order
        store.Datasets.Insert(Dataset(other, 3));

        var seen = new List<string>();
        string? after = null;
        int pages = 0;
        do
        {
            var page = store.Datasets.List(tenant, 3, after);
            Assert.True(page.Items.Count <= 3);
            seen.AddRange(page.Items.Select(d => d.Id));
            after = page.NextAfter;
            pages++;
        } while (after is not null);
        Assert.Equal(3, pages);
        Assert.Equal(mine.Select(d => d.Id), seen);
        Assert.Throws<ArgumentOutOfRangeException>(() => store.Datasets.List(tenant, 0, null));
    }

    [Fact]
    public void Jobs_and_the_audit_log_page_within_the_tenant()
    {
        var (store, tenant, other) = Setup();
        var dataset = Dataset(tenant, 0);
        store.Datasets.Insert(dataset);
        var jobs = Enumerable.Range(0, 5).Select(_ => store.Jobs.Insert(tenant, dataset.Id, "train", 10, 1, 1e-5, "{}").Id).ToList();
        var firstPage = store.Jobs.List(tenant, dataset.Id, 4, null);
        var lastPage = store.Jobs.List(tenant, dataset.Id, 4, firstPage.NextAfter);
        Assert.Equal(jobs.OrderBy(id => store.Jobs.Get(tenant, id)!.CreatedAt).ThenBy(id => id, StringComparer.Ordinal),
            firstPage.Items.Concat(lastPage.Items).Select(j => j.Id));
        Assert.Null(lastPage.NextAfter);
        Assert.Empty(store.Jobs.List(other, null, 4, null).Items);

        for (int i = 0; i < 5; i++) store.AuditLog.Record(tenant, "a", "x", $"s{i}", "");
        store.AuditLog.Record(other, "a", "x", "other", "");
        var newest = store.AuditLog.Read(tenant, null, 2, null);
        Assert.Equal(["s4", "s3"], newest.Items.Select(e => e.SubjectId));
        var rest = store.AuditLog.Read(tenant, null, 10, long.Parse(newest.NextAfter!));
        Assert.Equal(["s2", "s1", "s0"], rest.Items.Select(e => e.SubjectId));
        Assert.Null(rest.NextAfter);
    }
}
