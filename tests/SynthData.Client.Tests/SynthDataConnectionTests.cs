using System.Net;
using Grpc.Core;
using Grpc.Net.Client;
using SynthData.Api.V1;

namespace SynthData.Client.Tests;

public sealed class SynthDataConnectionTests
{
    [Theory]
    [InlineData("127.0.0.1:5080")]
    [InlineData("ftp://127.0.0.1:5080")]
    [InlineData("")]
    public void Only_http_and_https_urls_are_accepted(string url)
    {
        var e = Assert.Throws<ArgumentException>(() => new SynthDataConnection(url, "key"));
        Assert.Contains("http://", e.Message);
    }

    [Fact]
    public void A_key_is_required() => Assert.Throws<ArgumentException>(() => new SynthDataConnection("http://127.0.0.1:5080", " "));

    [Fact]
    public async Task Every_service_sends_the_api_key_over_plain_http2()
    {
        var handler = new CapturingHandler();
        using var connection = new SynthDataConnection("http://127.0.0.1:5080", "sdk_secret", new GrpcChannelOptions { HttpHandler = handler });

        await Assert.ThrowsAsync<RpcException>(() => connection.Datasets.ListDatasetsAsync(new ListDatasetsRequest()).ResponseAsync);
        await Assert.ThrowsAsync<RpcException>(() => connection.Governance.ListPoliciesAsync(new ListPoliciesRequest()).ResponseAsync);
        await Assert.ThrowsAsync<RpcException>(() => connection.Admin.CreateApiKeyAsync(new CreateApiKeyRequest()).ResponseAsync);
        await Assert.ThrowsAsync<RpcException>(async () => { await foreach (var _ in connection.WatchJobAsync("job_1")) { } });
        await Assert.ThrowsAsync<RpcException>(() => connection.Models.ListModelsAsync(new ListModelsRequest()).ResponseAsync);
        await Assert.ThrowsAsync<RpcException>(() => connection.DownloadAuditReportHtmlAsync("model-1", Stream.Null));

        Assert.Equal(6, handler.Requests.Count);
        Assert.All(handler.Requests, r =>
        {
            Assert.Equal(["sdk_secret"], r.Headers.GetValues(SynthDataConnection.ApiKeyHeader));
            Assert.Equal(HttpVersion.Version20, r.Version);
            Assert.Equal("http", r.RequestUri!.Scheme);
        });
        Assert.Equal(["/synthdata.v1.JobService/WatchJob", "/synthdata.v1.ModelService/ListModels", "/synthdata.v1.AuditService/StreamAuditReportHtml"],
            handler.Requests[^3..].Select(r => r.RequestUri!.AbsolutePath));
    }

    /// <summary>Records each request and fails it, standing in for an unreachable server.</summary>
    sealed class CapturingHandler : HttpMessageHandler
    {
        public List<HttpRequestMessage> Requests { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add(request);
            throw new HttpRequestException("no server in this test");
        }
    }
}
