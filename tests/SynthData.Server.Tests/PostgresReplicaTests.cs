using SynthData.Api.V1;
using SynthData.Server.Storage;

namespace SynthData.Server.Tests;

/// <summary>Two real servers (ServerHost, as Program runs it) on one PostgreSQL database: what one records, the other serves.</summary>
[Collection("postgres")]
[Trait("Store", "postgres")] // runs on PostgreSQL whatever SYNTHDATA_TEST_STORE says: once per CI run is enough
public sealed class PostgresReplicaTests(PostgresServer postgres)
{
    [SkippableFact]
    public async Task Two_replicas_share_keys_datasets_and_budgets()
    {
        Skip.If(postgres.SkipReason is not null, postgres.SkipReason);
        string[] settings = ["--SynthData:Store=postgres", $"--SynthData:ConnectionString={postgres.NewDatabase()}",
            $"--SynthData:ArtifactKey={Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32))}"];
        await using var first = await RunningServer.StartAsync(TestFiles.NewTempDirectory(), settings: settings);
        await using var second = await RunningServer.StartAsync(TestFiles.NewTempDirectory(), settings: settings);

        var key = await first.CreateKeyAsync("acme", Role.Owner); // made on one replica, accepted by the other
        var uploaded = await Uploads.UploadBankAsync(first.As(key.ApiKey), "default");
        var client = new DatasetService.DatasetServiceClient(second.As(key.ApiKey));
        var seen = await client.GetDatasetAsync(new GetDatasetRequest { DatasetId = uploaded.Id });
        Assert.Equal(uploaded.RowCount, seen.RowCount);
        Assert.Equal(uploaded.Budget.LifetimeEpsilonBudget, seen.Budget.LifetimeEpsilonBudget);
        Assert.Contains((await client.ListDatasetsAsync(new ListDatasetsRequest())).Datasets, d => d.Id == uploaded.Id);
        Assert.IsType<Storage.Postgres.PostgresDatabase>(second.Service<ServerStore>().Database);

        // Another tenant on the second replica sees none of it.
        var other = await second.CreateKeyAsync("globex", Role.Owner);
        Assert.Empty((await new DatasetService.DatasetServiceClient(second.As(other.ApiKey)).ListDatasetsAsync(new ListDatasetsRequest())).Datasets);
    }

    [Fact]
    public void An_unreachable_database_refuses_the_start_in_one_line_without_the_password()
    {
        var refusal = Assert.Throws<InvalidOperationException>(() => Hosting.ServerHost.Create(
        [
            "--urls=http://127.0.0.1:0", $"--SynthData:DataDirectory={TestFiles.NewTempDirectory()}", "--SynthData:Store=postgres",
            "--SynthData:ConnectionString=Host=127.0.0.1;Port=1;Username=u;Password=hunter2-secret;Database=sd;Timeout=2",
            $"--SynthData:ArtifactKey={Convert.ToBase64String(new byte[32])}",
        ], console: TextWriter.Null));
        Assert.StartsWith("Refusing to start: the PostgreSQL store at 127.0.0.1:1/sd", refusal.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", refusal.Message, StringComparison.Ordinal);
    }
}
