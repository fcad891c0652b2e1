namespace SynthData.Server.Storage;

/// <summary>Job lifecycle: Queued -> Running -> one terminal state (Queued may also end directly).</summary>
public enum JobState { Queued, Running, Succeeded, Failed, Cancelled }

public static class JobStates
{
    public static bool IsTerminal(this JobState state) => state is JobState.Succeeded or JobState.Failed or JobState.Cancelled;
}
