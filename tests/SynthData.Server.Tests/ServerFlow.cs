using System.Security.Cryptography;
using Grpc.Core;
using SynthData.Api.V1;

namespace SynthData.Server.Tests;

/// <summary>Client-side steps of the release flow, shared by the flow, budget and restart tests.</summary>
static class ServerFlow
{
    /// <summary>A short private run: 2 epochs of the sample (about 64 noisy steps), seeded.</summary>
    public static StartTrainingRequest ShortRun(string datasetId, double epsilon = 1, int epochs = 2) => new()
    {
        DatasetId = datasetId,
        Epsilon = epsilon,
        Options = new ModelOptions { Epochs = epochs, Seed = 7 },
    };

    /// <summary>Trains one seeded epoch at epsilon 1 and returns the model's id once the job has ended.</summary>
    public static async Task<string> TrainOneEpochAsync(CallInvoker owner, string datasetId)
    {
        var job = await new TrainingService.TrainingServiceClient(owner).StartTrainingAsync(ShortRun(datasetId, epsilon: 1, epochs: 1));
        return (await WatchToEndAsync(owner, job.Id, TimeSpan.FromMinutes(3)))[^1].Job.ModelId;
    }

    /// <summary>Every event of a job until its terminal state.</summary>
    public static async Task<List<JobEvent>> WatchToEndAsync(CallInvoker invoker, string jobId, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        using var call = new JobService.JobServiceClient(invoker).WatchJob(new WatchJobRequest { JobId = jobId }, cancellationToken: cancel.Token);
        var events = new List<JobEvent>();
        await foreach (var e in call.ResponseStream.ReadAllAsync(cancel.Token)) events.Add(e);
        return events;
    }

    /// <summary>Runs an audit job to its end (asserting it succeeded) and returns the stored report.</summary>
    public static async Task<AuditReport> AuditAsync(CallInvoker owner, RunAuditRequest request)
    {
        var job = await new AuditService.AuditServiceClient(owner).RunAuditAsync(request);
        Assert.Equal(JobKind.Audit, job.Kind);
        Assert.Equal(request.ModelId, job.ModelId);
        var events = await WatchToEndAsync(owner, job.Id, TimeSpan.FromMinutes(5));
        Assert.True(events[^1].Job.State == JobState.Succeeded, $"audit job ended {events[^1].Job.State}: {string.Join("; ", events[^1].Job.Reasons)}");
        var report = await new AuditService.AuditServiceClient(owner).GetAuditReportAsync(new GetAuditReportRequest { ModelId = request.ModelId });
        Assert.Equal(job.Id, report.AuditJobId);
        return report;
    }

    /// <summary>The HTML report as StreamAuditReportHtml sends it, reassembled.</summary>
    public static async Task<string> ReportHtmlAsync(CallInvoker invoker, string modelId)
    {
        using var call = new AuditService.AuditServiceClient(invoker).StreamAuditReportHtml(new GetAuditReportRequest { ModelId = modelId });
        using var bytes = new MemoryStream();
        await foreach (var chunk in call.ResponseStream.ReadAllAsync())
        {
            Assert.InRange(chunk.Data.Length, 1, 1 << 20);
            chunk.Data.WriteTo(bytes);
        }
        return System.Text.Encoding.UTF8.GetString(bytes.ToArray());
    }

    public sealed record ReceivedFile(GenerationHeader Header, byte[] Bytes, GenerationSummary Summary, int Chunks);

    /// <summary>Reassembles a Generate stream and checks it is whole: header first, summary last, length and SHA-256 as announced.</summary>
    public static async Task<ReceivedFile> GenerateAsync(CallInvoker invoker, GenerateRequest request)
    {
        using var call = new GenerationService.GenerationServiceClient(invoker).Generate(request);
        GenerationHeader? header = null;
        GenerationSummary? summary = null;
        using var bytes = new MemoryStream();
        int chunks = 0;
        await foreach (var message in call.ResponseStream.ReadAllAsync())
        {
            switch (message.PayloadCase)
            {
                case GenerateResponse.PayloadOneofCase.Header:
                    Assert.Null(header);
                    Assert.Equal(0, chunks);
                    header = message.Header;
                    break;
                case GenerateResponse.PayloadOneofCase.ParquetChunk:
                    Assert.NotNull(header);
                    Assert.Null(summary);
                    message.ParquetChunk.WriteTo(bytes);
                    chunks++;
                    break;
                case GenerateResponse.PayloadOneofCase.Summary:
                    summary = message.Summary;
                    break;
            }
        }
        Assert.NotNull(header);
        Assert.NotNull(summary);
        var content = bytes.ToArray();
        Assert.Equal(summary.Bytes, content.Length);
        Assert.Equal(summary.Sha256, Convert.ToHexStringLower(SHA256.HashData(content)));
        return new ReceivedFile(header, content, summary, chunks);
    }
}
