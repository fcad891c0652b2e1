// The gRPC host. Services arrive with the service issue; for now it only starts Kestrel on loopback.
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddGrpc();
if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ASPNETCORE_URLS")))
    builder.WebHost.UseUrls("http://127.0.0.1:5080");
builder.WebHost.ConfigureKestrel(k => k.ConfigureEndpointDefaults(o => o.Protocols = Microsoft.AspNetCore.Server.Kestrel.Core.HttpProtocols.Http2));

var app = builder.Build();
app.MapGet("/", () => "SynthData gRPC server: use a gRPC client.");
app.Run();
