// The release states are Core's (SynthData.Core.Governance.Release, where the state machine decides the moves);
// this alias keeps the store's code, which persists them as lower-case names, unchanged.
global using ReleaseState = SynthData.Core.Governance.Release.ReleaseState;
