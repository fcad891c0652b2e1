using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using SynthData.Api.V1;

namespace SynthData.Server.Tests;

/// <summary>
/// The server as its own process (the built SynthData.Server.dll beside the test binaries), so a test can kill
/// it with SIGKILL mid-training: no shutdown code runs, exactly like a crash or a power cut.
/// </summary>
sealed class ChildServer : IDisposable
{
    readonly Process _process;

    public GrpcChannel Channel { get; }

    ChildServer(Process process, GrpcChannel channel)
    {
        _process = process;
        Channel = channel;
    }

    public static async Task<ChildServer> StartAsync(string dataDirectory, params string[] settings)
    {
        int port = FreePort();
        var process = Process.Start(StartInfo(port, dataDirectory, settings))!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new ChildServer(process, GrpcChannel.ForAddress($"http://127.0.0.1:{port}"));
        await server.WaitUntilServingAsync();
        return server;
    }

    /// <summary>The settings of a replica on a shared PostgreSQL store, with a short job lease so a killed replica's jobs are reaped quickly.</summary>
    public static string[] PostgresReplica(string connectionString, int jobLeaseSeconds, params string[] more) =>
        ["--SynthData:Store=postgres", $"--SynthData:ConnectionString={connectionString}", $"--SynthData:JobLeaseSeconds={jobLeaseSeconds}", .. more];

    static ProcessStartInfo StartInfo(int port, string dataDirectory, string[] settings)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[]
                 {
                     Path.Combine(AppContext.BaseDirectory, "SynthData.Server.dll"),
                     $"--urls=http://127.0.0.1:{port}", $"--SynthData:DataDirectory={dataDirectory}",
                     $"--SynthData:BootstrapAdminKey={RunningServer.AdminKey}", "--Logging:LogLevel:Default=Warning",
                 }.Concat(TestStore.Settings(dataDirectory, settings)).Concat(settings))
            start.ArgumentList.Add(argument);
        return start;
    }

    /// <summary>Starts the server and waits for it to exit on its own (a start-up refusal), with what it printed.</summary>
    public static async Task<(int ExitCode, string StandardError, string StandardOutput)> RunUntilExitAsync(string dataDirectory, TimeSpan timeout)
    {
        using var process = Process.Start(StartInfo(FreePort(), dataDirectory, []))!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"the server was still running after {timeout}");
        }
        return (process.ExitCode, await error, await output);
    }

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    async Task WaitUntilServingAsync()
    {
        var policies = new GovernanceService.GovernanceServiceClient(As(RunningServer.AdminKey));
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                await policies.ListPoliciesAsync(new ListPoliciesRequest());
                return;
            }
            catch (RpcException) when (DateTime.UtcNow < deadline && !_process.HasExited)
            {
                await Task.Delay(200);
            }
        }
    }

    public CallInvoker As(string apiKey) => Channel.Intercept(metadata => { metadata.Add("x-api-key", apiKey); return metadata; });

    /// <summary>SIGKILL: the process gets no chance to settle anything.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited) Kill();
        Channel.Dispose();
        _process.Dispose();
    }
}
