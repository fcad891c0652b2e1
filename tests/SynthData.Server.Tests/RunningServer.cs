using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using SynthData.Api.V1;
using SynthData.Server.Hosting;
using SynthData.Server.Storage;

namespace SynthData.Server.Tests;

/// <summary>
/// The real server (same ServerHost as Program) on Kestrel at 127.0.0.1, port 0, over a given data
/// directory, with a gRPC channel to the bound address. Stopping and starting again on the same
/// directory is how the restart tests work. SYNTHDATA_TEST_STORE=postgres runs it on PostgreSQL (<see cref="TestStore"/>).
/// </summary>
sealed class RunningServer : IAsyncDisposable
{
    /// <summary>The bootstrap key: the operator's.</summary>
    public const string AdminKey = "test-admin-key";

    readonly WebApplication _app;
    bool _stopped;

    public GrpcChannel Channel { get; }
    public string DataDirectory { get; }
    public IServiceProvider Services => _app.Services;

    RunningServer(WebApplication app, GrpcChannel channel, string dataDirectory)
    {
        _app = app;
        Channel = channel;
        DataDirectory = dataDirectory;
    }

    public static async Task<RunningServer> StartAsync(string dataDirectory, long maxUploadBytes = 64 << 20, Action<WebApplicationBuilder>? customise = null, params string[] settings)
    {
        var app = ServerHost.Create(
        [
            "--urls=http://127.0.0.1:0",
            $"--SynthData:DataDirectory={dataDirectory}",
            $"--SynthData:BootstrapAdminKey={AdminKey}",
            $"--SynthData:MaxUploadBytes={maxUploadBytes}",
            "--Logging:LogLevel:Default=Warning",
            .. TestStore.Settings(dataDirectory, settings),
            .. settings,
        ], TextWriter.Null, customise);
        await app.StartAsync();
        string address = app.Urls.Single();
        Assert.False(address.EndsWith(":0", StringComparison.Ordinal), "Kestrel should report the port it bound, not 0");
        return new RunningServer(app, GrpcChannel.ForAddress(address), dataDirectory);
    }

    public T Service<T>() where T : notnull => _app.Services.GetRequiredService<T>();

    /// <summary>A call invoker that sends the given key as "x-api-key" (none when null).</summary>
    public CallInvoker As(string? apiKey) =>
        apiKey is null ? Channel.CreateCallInvoker() : Channel.Intercept(metadata => { metadata.Add("x-api-key", apiKey); return metadata; });

    /// <summary>A key as a deployment makes it: the operator creates the tenant's admin key, the admin the others.</summary>
    public Task<CreateApiKeyResponse> CreateKeyAsync(string tenant, Role role) => CreateKeyAsync(key => As(key), tenant, role);

    /// <param name="withKey">A call invoker sending the given key (the server under test's).</param>
    public static async Task<CreateApiKeyResponse> CreateKeyAsync(Func<string, CallInvoker> withKey, string tenant, Role role)
    {
        var admin = await new AdminService.AdminServiceClient(withKey(AdminKey))
            .CreateApiKeyAsync(new CreateApiKeyRequest { Tenant = tenant, Role = Role.Admin, Label = $"{tenant} admin" });
        if (role == Role.Admin) return admin;
        return await new AdminService.AdminServiceClient(withKey(admin.ApiKey))
            .CreateApiKeyAsync(new CreateApiKeyRequest { Tenant = tenant, Role = role, Label = $"{tenant} {role}" });
    }

    public async Task StopAsync()
    {
        if (_stopped) return;
        _stopped = true;
        Channel.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}
