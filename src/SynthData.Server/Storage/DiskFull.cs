namespace SynthData.Server.Storage;

/// <summary>Tells a full disk from other I/O failures: ENOSPC on Unix (the raw errno), ERROR_DISK_FULL / ERROR_HANDLE_DISK_FULL on Windows.</summary>
public static class DiskFull
{
    const int Enospc = 28, ErrorHandleDiskFull = 0x27, ErrorDiskFull = 0x70;

    public static bool Is(IOException e) => OperatingSystem.IsWindows()
        ? (e.HResult & 0xFFFF) is ErrorHandleDiskFull or ErrorDiskFull
        : e.HResult == Enospc;
}
