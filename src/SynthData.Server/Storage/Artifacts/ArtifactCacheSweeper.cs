using Microsoft.Extensions.Hosting;

namespace SynthData.Server.Storage.Artifacts;

/// <summary>
/// Erasure reaches every replica: DeleteDataset removes the raw table from the shared store and the cached copy of the
/// replica that answered it; each replica deletes its own cached copies of datasets erased elsewhere at start and then
/// every <see cref="Period"/>. A cached copy of an erased dataset is never read meanwhile: every reader checks the
/// dataset's erased flag in the shared database first.
/// </summary>
public sealed class ArtifactCacheSweeper(ServerStore store, ILogger<ArtifactCacheSweeper> logger) : BackgroundService
{
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!store.Artifacts.Caches) return; // the store's own files are the only copies
        using var timer = new PeriodicTimer(Period);
        do
        {
            try
            {
                Sweep();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Data.Common.DbException)
            {
                logger.LogWarning("Sweeping the artifact cache failed ({ExceptionType}); retrying in {Period}", e.GetType().Name, Period);
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    /// <summary>Deletes cached tables whose dataset is erased or unknown; the number deleted.</summary>
    public int Sweep()
    {
        string datasets = Path.Combine(store.Artifacts.CacheDirectory, "datasets");
        if (!Directory.Exists(datasets)) return 0;
        int deleted = 0;
        foreach (string tenantFolder in Directory.EnumerateDirectories(datasets))
        foreach (string file in Directory.EnumerateFiles(tenantFolder))
        {
            string datasetId = Path.GetFileName(file).Split('.')[0];
            if (store.Datasets.Get(Path.GetFileName(tenantFolder), datasetId) is { Erased: false }) continue;
            File.Delete(file);
            deleted++;
        }
        return deleted;
    }
}
