using System.Text;
using Grpc.Core;
using SynthData.Api.V1;
using SynthData.Core.Tabular.Io;
using SynthData.Core.Tabular.Loading;
using SynthData.Core.Tabular.Schema;
using SynthData.Server.Storage;

namespace SynthData.Server.Tests;

/// <summary>Uploads through the real server: what is accepted, what is refused, and that refusals leave nothing behind.</summary>
public sealed class DatasetServiceTests : IAsyncLifetime
{
    RunningServer _server = null!;
    CallInvoker _owner = null!;

    public async Task InitializeAsync()
    {
        _server = await RunningServer.StartAsync(TestFiles.NewTempDirectory(), maxUploadBytes: 1 << 20);
        _owner = _server.As((await _server.CreateKeyAsync("tenant-a", Role.Owner)).ApiKey);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    DatasetService.DatasetServiceClient Client => new(_owner);

    [Fact]
    public async Task The_same_rows_reuploaded_reordered_share_one_ledger_key_also_with_an_upload_from_before_content_fingerprints()
    {
        var first = await Uploads.UploadBankAsync(_owner);
        var store = _server.Service<ServerStore>();
        string tenant = store.Datasets.ListAcrossTenants().Single(d => d.Id == first.Id).TenantId;

        // Make the first upload look as it did before the upgrade: no content fingerprint, a ledger key from its bytes' hash.
        const string legacyKey = "legacy/ds-0123456789abcdef";
        store.Database.NonQuery("UPDATE datasets SET content_fingerprint = NULL, ledger_key = @key WHERE id = @id", ("@key", legacyKey), ("@id", first.Id));

        var lines = File.ReadAllLines(TestFiles.BankCsv);
        var reordered = Encoding.UTF8.GetBytes(string.Join('\n', lines.Skip(1).Reverse().Prepend(lines[0])) + "\n");
        var second = await Uploads.UploadAsync(_owner, reordered, DataFormat.Csv, "bank-reordered", File.ReadAllText(TestFiles.BankSchema));
        var third = await Uploads.UploadBankAsync(_owner);

        Assert.Equal(3, new[] { first.Id, second.Id, third.Id }.Distinct().Count());
        var records = store.Datasets.List(tenant).ToDictionary(d => d.Id);
        Assert.Equal(legacyKey, records[second.Id].LedgerKey);
        Assert.Equal(legacyKey, records[third.Id].LedgerKey);
        Assert.NotNull(records[first.Id].ContentFingerprint);

        // Different rows get a key of their own.
        var fewer = Encoding.UTF8.GetBytes(string.Join('\n', lines.Take(lines.Length - 1)) + "\n");
        var other = await Uploads.UploadAsync(_owner, fewer, DataFormat.Csv, "bank-fewer", File.ReadAllText(TestFiles.BankSchema));
        Assert.NotEqual(legacyKey, store.Datasets.List(tenant).Single(d => d.Id == other.Id).LedgerKey);
    }

    [Fact]
    public async Task Uploaded_csv_with_schema_is_described_by_schema_and_row_count_only()
    {
        var uploaded = await Uploads.UploadBankAsync(_owner);
        var dataset = await Client.GetDatasetAsync(new GetDatasetRequest { DatasetId = uploaded.Id });

        Assert.Equal(4000, dataset.RowCount);
        // The id is random (ds_ and 26 base32 characters), and no reply carries a hash of the uploaded bytes: anyone
        // holding candidate files could hash each and confirm which one was uploaded.
        Assert.Matches("^ds_[a-z2-7]{26}$", dataset.Id);
        string sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(TestFiles.BankCsv)));
        var listed = await Client.ListDatasetsAsync(new ListDatasetsRequest());
        foreach (string text in new[] { dataset.ToString(), listed.ToString() })
            foreach (string hash in new[] { sha, sha.ToUpperInvariant(), sha[..16], sha[..16].ToUpperInvariant() })
                Assert.DoesNotContain(hash, text);
        var schema = SchemaFile.Parse(dataset.SchemaJson, "reply");
        Assert.Contains(schema.Columns, c => c.Name == "age");
        Assert.Contains(schema.Columns, c => c.Name == "contact_date");

        // No cell value of identifier or PII columns, and no undeclared numeric value, may appear in the reply.
        string reply = dataset.ToString();
        using var reader = TableReaders.Open(TestFiles.BankCsv);
        int id = reader.ColumnNames.ToList().IndexOf("customer_id"), email = reader.ColumnNames.ToList().IndexOf("email");
        foreach (var row in reader.ReadRows().Take(500))
        {
            Assert.DoesNotContain(row.Cells[id]!, reply);
            Assert.DoesNotContain(row.Cells[email]!, reply);
        }
        Assert.Single(StoredArtifacts.Keys(_server.Service<ServerStore>(), "datasets/"));
    }

    [Fact]
    public async Task Ragged_csv_is_invalid_argument_naming_row_and_column_and_leaves_nothing()
    {
        var lines = File.ReadAllLines(TestFiles.BankCsv).Take(50).ToList();
        // Drop the last field of data row 20 (file row 21, the header being row 1).
        lines[20] = lines[20][..lines[20].LastIndexOf(',')];
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            Uploads.UploadAsync(_owner, Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n"), DataFormat.Csv, "ragged"));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("ragged.csv", error.Status.Detail);
        Assert.Contains("row 21", error.Status.Detail);
        Assert.Contains("20 fields", error.Status.Detail);
        AssertNothingStored();
        Assert.Empty((await Client.ListDatasetsAsync(new ListDatasetsRequest())).Datasets);
    }

    [Fact]
    public async Task Unparseable_cell_is_invalid_argument_naming_row_and_column_but_not_the_value()
    {
        var lines = File.ReadAllLines(TestFiles.BankCsv).Take(50).ToList();
        var fields = lines[30].Split(',');
        fields[2] = "forty-two-zq"; // the declared integer column 'age'
        lines[30] = string.Join(',', fields);
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            Uploads.UploadAsync(_owner, Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n"), DataFormat.Csv, "badcell", File.ReadAllText(TestFiles.BankSchema)));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("row 31", error.Status.Detail);
        Assert.Contains("column 'age'", error.Status.Detail);
        Assert.DoesNotContain("forty-two-zq", error.Status.Detail);
        AssertNothingStored();
    }

    [Fact]
    public async Task Truncated_parquet_is_invalid_argument_and_leaves_nothing()
    {
        byte[] parquet = await SampleParquetAsync(200);
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            Uploads.UploadAsync(_owner, parquet[..(parquet.Length / 2)], DataFormat.Parquet, "truncated"));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("truncated.parquet", error.Status.Detail);
        AssertNothingStored();

        // The same file whole is accepted: the refusal was about the truncation, not the format.
        var whole = await Uploads.UploadAsync(_owner, parquet, DataFormat.Parquet, "whole");
        Assert.Equal(200, whole.RowCount);
    }

    [Fact]
    public async Task Upload_over_the_size_limit_is_resource_exhausted_and_leaves_nothing()
    {
        // The sample is about 0.5 MB; three copies of its rows exceed the 1 MiB limit this server runs with.
        var lines = File.ReadAllLines(TestFiles.BankCsv);
        var content = Encoding.UTF8.GetBytes(string.Join('\n', lines.Concat(lines.Skip(1)).Concat(lines.Skip(1))));
        Assert.True(content.Length > 1 << 20);
        var error = await Assert.ThrowsAsync<RpcException>(() => Uploads.UploadAsync(_owner, content, DataFormat.Csv, "big"));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        AssertNothingStored();
        Assert.Empty((await Client.ListDatasetsAsync(new ListDatasetsRequest())).Datasets);
    }

    [Fact]
    public async Task Delete_erases_the_raw_file_and_keeps_the_metadata()
    {
        var dataset = await Uploads.UploadBankAsync(_owner);
        var deleted = await Client.DeleteDatasetAsync(new DeleteDatasetRequest { DatasetId = dataset.Id });

        Assert.True(deleted.Dataset.RawDataErased);
        Assert.Equal(4000, deleted.Dataset.RowCount);
        AssertNothingStored();
        var log = await new GovernanceService.GovernanceServiceClient(_owner).ListAuditLogAsync(new ListAuditLogRequest { SubjectId = dataset.Id });
        Assert.Contains(log.Entries, e => e.Action == "dataset.erased");
    }

    void AssertNothingStored()
    {
        var store = _server.Service<ServerStore>();
        Assert.Empty(StoredArtifacts.Keys(store, "datasets/"));
        Assert.Empty(StoredArtifacts.LocalCopies(store, "datasets"));
    }

    static async Task<byte[]> SampleParquetAsync(int rows)
    {
        using var reader = TableReaders.Open(TestFiles.BankCsv);
        var schema = SchemaResolver.Resolve(reader, SchemaFile.Load(TestFiles.BankSchema));
        var data = TableLoader.Load(reader, schema);
        var stream = new MemoryStream();
        await using (var writer = await ParquetTableWriter.CreateAsync(schema, stream, leaveOpen: true))
            await writer.WriteRowGroupAsync(data.SelectRows(Enumerable.Range(0, rows).ToArray()));
        return stream.ToArray();
    }
}
