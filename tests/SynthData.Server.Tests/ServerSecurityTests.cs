using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Reflection.V1Alpha;
using SynthData.Api.V1;

namespace SynthData.Server.Tests;

/// <summary>Health, reflection, authentication, roles and tenant isolation, against the real server.</summary>
public sealed class ServerSecurityTests : IAsyncLifetime
{
    RunningServer _server = null!;

    public async Task InitializeAsync() => _server = await RunningServer.StartAsync(TestFiles.NewTempDirectory());
    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Health_check_reports_serving_without_a_key()
    {
        var reply = await new Health.HealthClient(_server.As(null)).CheckAsync(new HealthCheckRequest());
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, reply.Status);
    }

    [Fact]
    public async Task Reflection_lists_every_synthdata_service()
    {
        using var call = new ServerReflection.ServerReflectionClient(_server.As(null)).ServerReflectionInfo();
        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext());
        var services = call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name).ToHashSet();
        foreach (var expected in new[] { "synthdata.v1.DatasetService", "synthdata.v1.TrainingService", "synthdata.v1.AuditService",
                     "synthdata.v1.GenerationService", "synthdata.v1.GovernanceService", "synthdata.v1.AdminService", "grpc.health.v1.Health" })
            Assert.Contains(expected, services);
    }

    [Fact]
    public async Task Missing_or_unknown_key_is_unauthenticated()
    {
        var missing = await Assert.ThrowsAsync<RpcException>(() => new DatasetService.DatasetServiceClient(_server.As(null)).ListDatasetsAsync(new ListDatasetsRequest()).ResponseAsync);
        Assert.Equal(StatusCode.Unauthenticated, missing.StatusCode);
        var unknown = await Assert.ThrowsAsync<RpcException>(() => new DatasetService.DatasetServiceClient(_server.As("sdk_not-a-key")).ListDatasetsAsync(new ListDatasetsRequest()).ResponseAsync);
        Assert.Equal(StatusCode.Unauthenticated, unknown.StatusCode);
    }

    [Fact]
    public async Task Wrong_role_is_permission_denied()
    {
        var consumer = await _server.CreateKeyAsync("tenant-a", Role.Consumer);
        var upload = await Assert.ThrowsAsync<RpcException>(() => Uploads.UploadBankAsync(_server.As(consumer.ApiKey)));
        Assert.Equal(StatusCode.PermissionDenied, upload.StatusCode);

        var owner = await _server.CreateKeyAsync("tenant-a", Role.Owner);
        var createKey = await Assert.ThrowsAsync<RpcException>(() =>
            new AdminService.AdminServiceClient(_server.As(owner.ApiKey)).CreateApiKeyAsync(new CreateApiKeyRequest { Tenant = "tenant-a", Role = Role.Admin }).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, createKey.StatusCode);
    }

    [Fact]
    public async Task Another_tenants_dataset_is_not_found_and_not_listed()
    {
        var ownerA = await _server.CreateKeyAsync("tenant-a", Role.Owner);
        var ownerB = await _server.CreateKeyAsync("tenant-b", Role.Owner);
        var dataset = await Uploads.UploadBankAsync(_server.As(ownerA.ApiKey));

        var clientB = new DatasetService.DatasetServiceClient(_server.As(ownerB.ApiKey));
        var get = await Assert.ThrowsAsync<RpcException>(() => clientB.GetDatasetAsync(new GetDatasetRequest { DatasetId = dataset.Id }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, get.StatusCode);
        var delete = await Assert.ThrowsAsync<RpcException>(() => clientB.DeleteDatasetAsync(new DeleteDatasetRequest { DatasetId = dataset.Id }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, delete.StatusCode);
        Assert.Empty((await clientB.ListDatasetsAsync(new ListDatasetsRequest())).Datasets);

        // The owner still has it, untouched.
        var mine = await new DatasetService.DatasetServiceClient(_server.As(ownerA.ApiKey)).GetDatasetAsync(new GetDatasetRequest { DatasetId = dataset.Id });
        Assert.False(mine.RawDataErased);
    }

    [Fact]
    public void Every_rpc_of_every_service_has_a_role_rule()
    {
        // Deny-by-default would refuse a new RPC silently; this makes forgetting its rule a test failure instead.
        var descriptors = new[] { DatasetService.Descriptor, TrainingService.Descriptor, JobService.Descriptor, ModelService.Descriptor, AuditService.Descriptor,
            GenerationService.Descriptor, GovernanceService.Descriptor, AdminService.Descriptor,
            ModelLifecycleService.Descriptor };
        var methods = descriptors.SelectMany(d => d.Methods.Select(m => $"/{d.FullName}/{m.Name}")).ToHashSet();
        Assert.Equal(methods.OrderBy(m => m), SynthData.Server.Security.RolePolicy.KnownMethods.OrderBy(m => m));
    }
}
