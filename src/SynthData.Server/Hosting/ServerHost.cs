using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using SynthData.Server.Governance;
using SynthData.Server.Jobs;
using SynthData.Server.Security;
using SynthData.Server.Services;
using SynthData.Server.Storage;
using SynthData.Server.Training;

namespace SynthData.Server.Hosting;

/// <summary>Builds the server, shared by Program (the real process) and the integration tests (the same server on port 0).</summary>
public static class ServerHost
{
    /// <param name="console">Where a generated bootstrap operator key is shown once (the process's output, or a test's sink).</param>
    /// <param name="customise">Lets tests replace services (e.g. lifecycle hooks) before the app is built.</param>
    public static WebApplication Create(string[] args, TextWriter console, Action<WebApplicationBuilder>? customise = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        var urls = ListenAddressGuard.ConfiguredUrls(builder.Configuration);
        if (urls.Count == 0) builder.WebHost.UseUrls(ListenAddressGuard.DefaultUrl);
        ListenAddressGuard.Check(urls);
        // gRPC needs HTTP/2; without TLS there is no ALPN to negotiate it, so every endpoint speaks only HTTP/2.
        builder.WebHost.ConfigureKestrel(k => k.ConfigureEndpointDefaults(o => o.Protocols = HttpProtocols.Http2));

        builder.Services.Configure<SynthDataServerOptions>(builder.Configuration.GetSection(SynthDataServerOptions.Section));
        builder.Services.AddSingleton(sp => StoreBackend.Open(sp.GetRequiredService<IOptions<SynthDataServerOptions>>().Value));
        builder.Services.AddSingleton(sp => sp.GetRequiredService<ServerStore>().Artifacts.Store);
        builder.Services.AddSingleton<Storage.Artifacts.ArtifactCacheSweeper>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<Storage.Artifacts.ArtifactCacheSweeper>());
        builder.Services.AddSingleton<JobBroadcaster>();
        builder.Services.AddSingleton<PolicyStore>();
        builder.Services.AddSingleton<DatasetLedger>();
        builder.Services.AddSingleton<SynthData.Server.Audits.AuditJob>();
        builder.Services.AddSingleton<IJobLifecycleHooks, LedgerJobLifecycleHooks>();
        builder.Services.AddSingleton<SplitKeyHandoff>();
        builder.Services.AddSingleton<TrainingJobWork>();
        builder.Services.AddSingleton<JobWorkBuilders>();
        builder.Services.AddSingleton<JobQueue>();
        builder.Services.AddSingleton<Lifecycle.DriftCheckRunner>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<JobQueue>());
        builder.Services.AddGrpc(o =>
        {
            // Outermost first: every exception, the key check's included, leaves with a deliberate status.
            o.Interceptors.Add<ErrorStatusInterceptor>();
            o.Interceptors.Add<ApiKeyInterceptor>();
            // Uploads arrive in chunks; a message limit stops one oversized message from buffering in memory.
            o.MaxReceiveMessageSize = 4 * 1024 * 1024;
            // Internal exception messages may quote data: never send them.
            o.EnableDetailedErrors = false;
        });
        builder.Services.AddGrpcReflection();
        builder.Services.AddGrpcHealthChecks().AddCheck<StoreHealthCheck>("store");
        customise?.Invoke(builder);

        var app = builder.Build();
        var store = app.Services.GetRequiredService<ServerStore>();
        app.Services.GetRequiredService<DatasetLedger>(); // a damaged ledger stops the server now, not the first request
        app.Services.GetRequiredService<PolicyStore>(); // a broken policy file stops the server now, not a job later
        BootstrapAdmin.EnsureAdminKey(store, app.Services.GetRequiredService<IOptions<SynthDataServerOptions>>().Value.BootstrapAdminKey, console);

        app.MapGrpcService<DatasetServiceImpl>();
        app.MapGrpcService<TrainingServiceImpl>();
        app.MapGrpcService<JobServiceImpl>();
        app.MapGrpcService<ModelServiceImpl>();
        app.MapGrpcService<AuditServiceImpl>();
        app.MapGrpcService<GenerationServiceImpl>();
        app.MapGrpcService<GovernanceServiceImpl>();
        app.MapGrpcService<AdminServiceImpl>();
        app.MapGrpcService<ModelLifecycleServiceImpl>();
        app.MapGrpcHealthChecksService();
        app.MapGrpcReflectionService();
        return app;
    }
}
