using Google.Protobuf.Reflection;
using Grpc.Core;
using Grpc.Reflection.V1Alpha;
using SynthData.Api.V1;

namespace SynthData.Server.Tests;

/// <summary>
/// The published contract as a generic client sees it, through gRPC server reflection (what grpcurl lists), and the
/// paging every List follows: pages of the requested size that together hold every item once, in order, and tokens
/// that only work for the list and filter they were issued for.
/// </summary>
public sealed class ApiContractTests : IAsyncLifetime
{
    RunningServer _server = null!;

    public async Task InitializeAsync() => _server = await RunningServer.StartAsync(TestFiles.NewTempDirectory(), settings: TestPolicies.WriteFolder());

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Reflection_lists_the_services_methods_and_messages_of_v1()
    {
        var reflection = new ServerReflection.ServerReflectionClient(_server.As(null)); // reflection needs no key
        using var call = reflection.ServerReflectionInfo();
        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
        Assert.True(await call.ResponseStream.MoveNext());
        var services = call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name).ToHashSet();
        foreach (var name in new[] { "DatasetService", "TrainingService", "JobService", "ModelService", "AuditService", "GenerationService", "GovernanceService", "AdminService" })
            Assert.Contains("synthdata.v1." + name, services);

        var files = new Dictionary<string, FileDescriptorProto>();
        foreach (var symbol in new[] { "synthdata.v1.ModelService", "synthdata.v1.JobService", "synthdata.v1.TrainingService", "synthdata.v1.AuditService", "synthdata.v1.GovernanceService", "synthdata.v1.DatasetService" })
        {
            await call.RequestStream.WriteAsync(new ServerReflectionRequest { FileContainingSymbol = symbol });
            Assert.True(await call.ResponseStream.MoveNext());
            foreach (var bytes in call.ResponseStream.Current.FileDescriptorResponse.FileDescriptorProto)
            {
                var file = FileDescriptorProto.Parser.ParseFrom(bytes);
                files[file.Name] = file;
            }
        }
        await call.RequestStream.CompleteAsync();
        var allServices = files.Values.SelectMany(f => f.Service).ToDictionary(s => s.Name);
        var messages = files.Values.SelectMany(f => f.MessageType).ToDictionary(m => m.Name);
        var enums = files.Values.SelectMany(f => f.EnumType).ToDictionary(e => e.Name);
        MethodDescriptorProto Method(string service, string name) => Assert.Single(allServices[service].Method, m => m.Name == name);
        string[] Fields(string message) => messages[message].Field.Select(f => f.Name).ToArray();

        Assert.Equal(".synthdata.v1.Model", Method("ModelService", "GetModel").OutputType);
        Assert.Equal(".synthdata.v1.ListModelsResponse", Method("ModelService", "ListModels").OutputType);
        Assert.Equal(["GetJob", "ListJobs", "WatchJob", "CancelJob"], allServices["JobService"].Method.Select(m => m.Name));
        Assert.Equal(".synthdata.v1.Job", Method("AuditService", "RunAudit").OutputType); // the audit is a job
        Assert.True(Method("AuditService", "StreamAuditReportHtml").ServerStreaming);
        Assert.DoesNotContain("report_html", Fields("AuditReport"));
        foreach (var field in new[] { "id", "dataset_id", "version", "state", "guarantee", "audit_summary", "release_state", "create_time" })
            Assert.Contains(field, Fields("Model"));
        foreach (var list in new[] { "ListDatasets", "ListJobs", "ListModels", "ListPolicies", "ListAuditLog" })
        {
            Assert.Contains("page_size", Fields(list + "Request"));
            Assert.Contains("page_token", Fields(list + "Request"));
            Assert.Contains("next_page_token", Fields(list + "Response"));
        }
        Assert.DoesNotContain("limit", Fields("ListAuditLogRequest"));
        Assert.Contains("create_time", Fields("Dataset"));
        Assert.Contains("end_time", Fields("Job"));
        Assert.Equal(FieldDescriptorProto.Types.Type.Enum, messages["AuditReport"].Field.Single(f => f.Name == "verdict").Type);
        foreach (var (name, zero) in new[] { ("JobState", "JOB_STATE_UNSPECIFIED"), ("JobStage", "JOB_STAGE_UNSPECIFIED"), ("ReleaseState", "RELEASE_STATE_UNSPECIFIED"), ("AuditVerdict", "AUDIT_VERDICT_UNSPECIFIED") })
            Assert.Equal((zero, 0), (enums[name].Value[0].Name, enums[name].Value[0].Number));
        // Presence where unset means "use the default".
        var options = messages["ModelOptions"].Field.ToDictionary(f => f.Name);
        Assert.All(new[] { "epochs", "batch_size", "max_grad_norm", "learning_rate", "latent_dim" }, f => Assert.True(options[f].Proto3Optional, f));
        Assert.True(messages["StartTrainingRequest"].Field.Single(f => f.Name == "delta").Proto3Optional);
    }

    [Fact]
    public async Task Every_page_holds_at_most_page_size_items_and_the_pages_hold_every_item_once_in_order()
    {
        var admin = new AdminService.AdminServiceClient(_server.As((await _server.CreateKeyAsync("acme", Role.Admin)).ApiKey));
        for (int i = 0; i < 6; i++) await admin.CreateApiKeyAsync(new CreateApiKeyRequest { Tenant = "acme", Role = Role.Consumer, Label = $"key {i}" });
        var all = (await admin.ListApiKeysAsync(new ListApiKeysRequest())).Keys.Select(k => k.KeyId).ToList();
        Assert.Equal(7, all.Count);
        var paged = new List<string>();
        string token = "";
        int pages = 0;
        do
        {
            var page = await admin.ListApiKeysAsync(new ListApiKeysRequest { PageSize = 3, PageToken = token });
            Assert.InRange(page.Keys.Count, 1, 3);
            paged.AddRange(page.Keys.Select(k => k.KeyId));
            token = page.NextPageToken;
            pages++;
        } while (token.Length > 0);
        Assert.Equal(all, paged);
        Assert.Equal(3, pages); // 3 + 3 + 1: the last page says it is the last

        // Policies, and the audit log (newest first) in pages of one, against their unpaged reading.
        var owner = _server.As((await _server.CreateKeyAsync("acme", Role.Owner)).ApiKey);
        var governance = new GovernanceService.GovernanceServiceClient(owner);
        var policies = new List<string>();
        token = "";
        do
        {
            var page = await governance.ListPoliciesAsync(new ListPoliciesRequest { PageSize = 1, PageToken = token });
            policies.AddRange(page.Policies.Select(p => p.Id));
            token = page.NextPageToken;
        } while (token.Length > 0);
        Assert.Equal(["default", TestPolicies.ReviewRequired, TestPolicies.TinyBudget], policies);
        var log = (await governance.ListAuditLogAsync(new ListAuditLogRequest())).Entries.Select(e => e.ToString()).ToList();
        var first = await governance.ListAuditLogAsync(new ListAuditLogRequest { PageSize = 2 });
        var rest = await governance.ListAuditLogAsync(new ListAuditLogRequest { PageSize = 1000, PageToken = first.NextPageToken });
        Assert.Equal(log, first.Entries.Concat(rest.Entries).Select(e => e.ToString()));
        Assert.Equal("", rest.NextPageToken);

        // A token is bound to its list and filter: another filter, another list or a forged token is INVALID_ARGUMENT.
        var jobs = new JobService.JobServiceClient(owner);
        foreach (var refused in new Func<Task>[]
        {
            () => governance.ListAuditLogAsync(new ListAuditLogRequest { SubjectId = "ds_other", PageToken = first.NextPageToken }).ResponseAsync,
            () => jobs.ListJobsAsync(new ListJobsRequest { PageToken = first.NextPageToken }).ResponseAsync,
            () => jobs.ListJobsAsync(new ListJobsRequest { PageToken = first.NextPageToken[..^2] }).ResponseAsync,
        })
        {
            var e = await Assert.ThrowsAsync<RpcException>(refused);
            Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
            Assert.StartsWith("page_token:", e.Status.Detail);
        }
    }
}
