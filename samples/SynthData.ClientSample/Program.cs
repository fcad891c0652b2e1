// The whole SynthData flow from C#, against a running server:
//   dotnet run --project samples/SynthData.ClientSample -- URL OWNER_KEY REVIEWER_KEY CONSUMER_KEY [OUTPUT.parquet]
// or with the environment variables SYNTHDATA_SERVER, SYNTHDATA_OWNER_KEY, SYNTHDATA_REVIEWER_KEY, SYNTHDATA_CONSUMER_KEY.
// Each role has its own key (an admin creates them): owners upload and train, reviewers approve, consumers generate.
using SynthData.Api.V1;
using SynthData.Client;

string Setting(int index, string variable) =>
    args.Length > index ? args[index]
    : Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value ? value
    : throw new ArgumentException($"missing argument {index + 1} (or {variable}); usage: URL OWNER_KEY REVIEWER_KEY CONSUMER_KEY [OUTPUT.parquet]");

string server = Setting(0, "SYNTHDATA_SERVER");
string outputPath = args.Length > 4 ? args[4] : "synthetic.parquet";

// 1. The owner uploads the sensitive table with its schema. Only aggregate facts come back: never a value.
using var owner = new SynthDataConnection(server, Setting(1, "SYNTHDATA_OWNER_KEY"));
var dataset = await owner.UploadDatasetAsync(
    Path.Combine(AppContext.BaseDirectory, "bank-marketing.csv"),
    new UploadDatasetHeader { SchemaJson = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "bank-marketing.schema.json")) });
Console.WriteLine($"uploaded {dataset.Id}: {dataset.RowCount} rows under policy '{dataset.PolicyId}'");

// 2. The owner starts a differentially private training run. The dataset's policy admits it (or refuses with reasons)
//    before any private row is read; the run is charged to the dataset's lifetime budget.
var job = await owner.Training.StartTrainingAsync(new StartTrainingRequest
{
    DatasetId = dataset.Id,
    Epsilon = 1.0,
    Options = new ModelOptions { Epochs = 2, Seed = 7 },
});
Console.WriteLine($"training job {job.Id}: {job.TotalSteps} noisy steps, noise multiplier {job.NoiseMultiplier:G4}");

// 3. Watch the job: every progress step and state change, until a terminal state.
//    While training, "epsilon spent" is the RDP bound of the steps so far; the final figure is the tightest accountant's.
Job finished = job;
await foreach (var update in owner.WatchJobAsync(job.Id))
{
    finished = update.Job;
    if (update.State == JobState.Running && update.Step > 0 && update.Step % 16 == 0 && update.Epoch > 0)
        Console.WriteLine($"  step {update.Step}/{finished.TotalSteps}  loss {update.Loss:F2}  epsilon spent {update.EpsilonSpent:F3}");
}
Console.WriteLine($"training {finished.State}: epsilon spent {finished.EpsilonSpent:0.###} (delta {finished.Delta:G3})");
if (finished.State != JobState.Succeeded)
{
    Console.Error.WriteLine($"training {finished.State}: {string.Join("; ", finished.Reasons)}");
    return 1;
}

// 4. Audit the model against its own training and holdout rows (membership inference, copies, PII replays). The
//    audit is a job like training (watch it, cancel it); when it ends the policy has decided: released, awaiting a
//    reviewer, or rejected. The report comes back as JSON with a summary, and as an HTML page in a stream.
var auditJob = await owner.Audits.RunAuditAsync(new RunAuditRequest { ModelId = finished.ModelId, Seed = 1 });
if (await owner.WaitForJobAsync(auditJob.Id) is not { State: JobState.Succeeded } audited)
{
    Console.Error.WriteLine($"audit job {auditJob.Id} did not succeed");
    return 1;
}
var audit = await owner.Audits.GetAuditReportAsync(new GetAuditReportRequest { ModelId = finished.ModelId });
Console.WriteLine($"audit: {audit.Verdict}, release state {audit.ReleaseState}; {audit.Summary}");
await using (var html = File.Create(Path.ChangeExtension(outputPath, ".audit.html")))
    await owner.DownloadAuditReportHtmlAsync(finished.ModelId, html);

// 5. A reviewer approves the release (where the policy needs no reviewer, approval records the sign-off anyway).
using var reviewer = new SynthDataConnection(server, Setting(2, "SYNTHDATA_REVIEWER_KEY"));
var review = await reviewer.Governance.ApproveReleaseAsync(new ReviewRequest { ModelId = finished.ModelId, Comment = "audit figures checked" });
Console.WriteLine($"released: {review.Released}");
if (!review.Released)
{
    Console.Error.WriteLine($"not released: {string.Join("; ", review.ReleaseDecision.Reasons)}");
    return 1;
}

// 6. A consumer streams 10,000 synthetic rows as Parquet. The file lands under its name only after its length and
//    SHA-256 match the server's summary; a cut stream throws GeneratedFileException and leaves no file.
using var consumer = new SynthDataConnection(server, Setting(3, "SYNTHDATA_CONSUMER_KEY"));
var file = await consumer.GenerateToFileAsync(new GenerateRequest { ModelId = finished.ModelId, Rows = 10_000, Seed = 42 }, outputPath);
Console.WriteLine($"wrote {file.Rows} rows ({file.Bytes} bytes, sha256 {file.Sha256}) to {outputPath}");

// 7. The governance metadata (also in the Parquet footer under "synthdata.governance") states the guarantee.
var governance = file.Governance;
Console.WriteLine($"guarantee: epsilon {governance.Epsilon:0.###}, delta {governance.Delta:G3} ({governance.Accountant} accountant), policy '{governance.PolicyId}'");
return 0;
