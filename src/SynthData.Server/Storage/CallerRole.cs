namespace SynthData.Server.Storage;

/// <summary>
/// What an API key may do. Stored as lower-case text. Admins manage their own tenant's keys; the operator (the
/// bootstrap key) creates tenants' admin keys and sees no tenant's data.
/// </summary>
public enum CallerRole { Owner, Consumer, Reviewer, Admin, Operator }
