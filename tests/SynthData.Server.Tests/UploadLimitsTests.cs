using System.Text;
using Grpc.Core;
using Parquet;
using Parquet.Schema;
using SynthData.Api.V1;

using SynthData.Server.Storage;

namespace SynthData.Server.Tests;

/// <summary>
/// What an upload may expand to is bounded by the server's settings, checked while the file streams, before its rows are
/// held (issue 19, point 1). Before these limits a 1 KB Parquet file declaring 30 million constant rows in one row group
/// was accepted as a 30,000,000-row dataset after tens of seconds of CPU and gigabytes of memory.
/// </summary>
public sealed class UploadLimitsTests
{
    const int BombRows = 30_000_000;

    /// <summary>Four constant boolean columns, 30 million rows, one row group: bit-packed zeros that Zstandard shrinks to about 1 KB.</summary>
    static readonly Lazy<Task<byte[]>> Bomb = new(async () =>
    {
        var schema = new ParquetSchema(Enumerable.Range(1, 4).Select(i => new DataField<bool>($"c{i}")).ToArray());
        var values = new bool[BombRows]; // one array for the four columns: the test itself stays small
        var stream = new MemoryStream();
        await using (var writer = await ParquetWriter.CreateAsync(schema, stream, new ParquetOptions { CompressionMethod = CompressionMethod.Zstd }))
        {
            using var group = writer.CreateRowGroup();
            foreach (var field in schema.DataFields) await group.WriteAsync<bool>(field, values.AsMemory());
        }
        return stream.ToArray();
    });

    static async Task<(RunningServer Server, CallInvoker Owner)> StartAsync(params string[] settings)
    {
        var server = await RunningServer.StartAsync(TestFiles.NewTempDirectory(), settings: settings);
        return (server, server.As((await server.CreateKeyAsync("tenant-a", Role.Owner)).ApiKey));
    }

    [Fact]
    public async Task A_parquet_decompression_bomb_is_refused_before_its_rows_are_read_and_leaves_nothing()
    {
        byte[] bomb = await Bomb.Value;
        Assert.True(bomb.Length < 16 * 1024, $"the bomb should be tiny, it is {bomb.Length} bytes");
        var (server, owner) = await StartAsync();
        await using var _ = server;

        // Bytes allocated by every thread of this process during the upload: reading 30 million rows (four strings
        // each) allocates gigabytes; a refusal from the footer's row counts allocates the upload's buffers and little else.
        long before = GC.GetTotalAllocatedBytes(precise: true);
        var error = await Assert.ThrowsAsync<RpcException>(() => Uploads.UploadAsync(owner, bomb, DataFormat.Parquet, "bomb"));
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Contains("MaxUploadRows", error.Status.Detail);
        Assert.True(allocated < 64L << 20, $"refusing the bomb allocated {allocated >> 20} MB");
        await AssertNothingStoredAsync(server, owner);
    }

    /// <summary>A CSV of integer columns c1..cK (no column looks like an identifier), plus text columns as given.</summary>
    static byte[] Csv(int rows, int columns, Func<int, string>? label = null)
    {
        var text = new StringBuilder();
        text.AppendJoin(',', Enumerable.Range(1, columns).Select(c => $"c{c}"));
        text.Append(label is null ? "\n" : ",segment\n");
        for (int r = 0; r < rows; r++)
        {
            text.AppendJoin(',', Enumerable.Range(1, columns).Select(c => (r * c % 97).ToString()));
            text.Append(label is null ? "\n" : $",{label(r)}\n");
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    static async Task<byte[]> ParquetAsync(int rows, int rowsPerGroup, Func<int, string> text)
    {
        var schema = new ParquetSchema(new DataField<long>("amount"), new DataField<string>("note", true));
        var stream = new MemoryStream();
        await using (var writer = await ParquetWriter.CreateAsync(schema, stream))
        {
            for (int start = 0; start < rows; start += rowsPerGroup)
            {
                int count = Math.Min(rowsPerGroup, rows - start);
                using var group = writer.CreateRowGroup();
                await group.WriteAsync<long>(schema.DataFields[0], Enumerable.Range(start, count).Select(i => (long)(i % 50)).ToArray().AsMemory());
                await group.WriteAsync(schema.DataFields[1], Enumerable.Range(start, count).Select(text).ToArray());
            }
        }
        return stream.ToArray();
    }

    /// <summary>
    /// Each limit refuses the first file past it with RESOURCE_EXHAUSTED naming its setting and leaves nothing, and a
    /// file exactly at it is accepted (so the comparison is "more than", not "at least").
    /// </summary>
    [Theory]
    [InlineData("MaxUploadRows", 100, "rows")]
    [InlineData("MaxUploadCells", 300, "cells")]
    [InlineData("MaxUploadColumns", 6, "columns")]
    [InlineData("MaxCategoriesPerColumn", 10, "labels")]
    [InlineData("MaxValueBytes", 40, "value")]
    [InlineData("MaxRowGroupCells", 200, "row group")]
    public async Task Each_upload_limit_refuses_the_first_file_past_it_naming_the_setting_and_accepts_one_at_it(string setting, int limit, string what)
    {
        var (server, owner) = await StartAsync($"--SynthData:{setting}={limit}");
        await using var _ = server;
        (byte[] File, DataFormat Format) AtLimit, PastLimit;
        switch (setting)
        {
            case "MaxUploadRows": AtLimit = (Csv(limit, 2), DataFormat.Csv); PastLimit = (Csv(limit + 1, 2), DataFormat.Csv); break;
            case "MaxUploadCells": AtLimit = (Csv(limit / 3, 3), DataFormat.Csv); PastLimit = (Csv(limit / 3 + 1, 3), DataFormat.Csv); break;
            case "MaxUploadColumns": AtLimit = (Csv(20, limit), DataFormat.Csv); PastLimit = (Csv(20, limit + 1), DataFormat.Csv); break;
            case "MaxCategoriesPerColumn":
                AtLimit = (Csv(50, 2, r => $"segment-{r % limit}"), DataFormat.Csv);
                PastLimit = (Csv(50, 2, r => $"segment-{r % (limit + 1)}"), DataFormat.Csv);
                break;
            case "MaxValueBytes":
                // The long value sits in the last row: the refusal comes while streaming, after rows that were fine.
                AtLimit = (Csv(30, 2, r => r == 29 ? new string('x', limit) : "short"), DataFormat.Csv);
                PastLimit = (Csv(30, 2, r => r == 29 ? new string('x', limit + 1) : "short"), DataFormat.Csv);
                break;
            default: // MaxRowGroupCells: two columns, so 100 rows a group is at the limit of 200 cells
                AtLimit = (await ParquetAsync(300, limit / 2, r => $"note {r % 3}"), DataFormat.Parquet);
                PastLimit = (await ParquetAsync(300, limit / 2 + 1, r => $"note {r % 3}"), DataFormat.Parquet);
                break;
        }

        var error = await Assert.ThrowsAsync<RpcException>(() => Uploads.UploadAsync(owner, PastLimit.File, PastLimit.Format, "past"));
        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Contains($"SynthData:{setting}", error.Status.Detail);
        Assert.Contains(what, error.Status.Detail);
        Assert.DoesNotContain("xxxxxxxx", error.Status.Detail); // never a value
        await AssertNothingStoredAsync(server, owner);

        var accepted = await Uploads.UploadAsync(owner, AtLimit.File, AtLimit.Format, "at");
        Assert.True(accepted.RowCount > 0);
    }

    [Fact]
    public async Task A_schema_declaring_more_categories_than_the_limit_is_refused_before_the_rows_are_read()
    {
        var (server, owner) = await StartAsync("--SynthData:MaxCategoriesPerColumn=10");
        await using var _ = server;
        string schema = $$"""{ "columns": { "segment": { "kind": "categorical", "categories": [{{string.Join(", ", Enumerable.Range(0, 11).Select(i => $"\"s{i}\""))}}] } } }""";

        var error = await Assert.ThrowsAsync<RpcException>(() => Uploads.UploadAsync(owner, Csv(20, 2, r => $"s{r % 5}"), DataFormat.Csv, "declared", schema));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Contains("11 categories declared for column 'segment'", error.Status.Detail);
        await AssertNothingStoredAsync(server, owner);
    }

    [Fact]
    public async Task A_row_group_declaring_more_uncompressed_bytes_than_the_limit_is_refused()
    {
        var (server, owner) = await StartAsync("--SynthData:MaxRowGroupBytes=4096");
        await using var _ = server;
        // 2,000 distinct 40-character notes: far more than 4 KB uncompressed in the one group.
        byte[] file = await ParquetAsync(2_000, 2_000, r => $"note {r:D6} {new string('n', 28)}");

        var error = await Assert.ThrowsAsync<RpcException>(() => Uploads.UploadAsync(owner, file, DataFormat.Parquet, "wide"));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Contains("SynthData:MaxRowGroupBytes", error.Status.Detail);
        Assert.Contains("uncompressed bytes", error.Status.Detail);
        await AssertNothingStoredAsync(server, owner);
    }

    static async Task AssertNothingStoredAsync(RunningServer server, CallInvoker owner)
    {
        Assert.Empty((await new DatasetService.DatasetServiceClient(owner).ListDatasetsAsync(new ListDatasetsRequest())).Datasets);
        var store = server.Service<ServerStore>();
        Assert.Empty(StoredArtifacts.Keys(store, "datasets/"));
        Assert.Empty(StoredArtifacts.LocalCopies(store, "datasets"));
    }
}
