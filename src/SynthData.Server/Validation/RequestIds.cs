namespace SynthData.Server.Validation;

/// <summary>
/// Ids in requests: required, at most <see cref="MaxLength"/> characters, and quoted in messages only by a short
/// prefix, so a reply or a log line never carries whatever a caller put in an id field at length.
/// </summary>
public static class RequestIds
{
    public const int MaxLength = 128;

    /// <returns>The id, once it is present and not over-long (else INVALID_ARGUMENT naming the field).</returns>
    public static string Require(string? id, string field)
    {
        FieldViolations.Require(!string.IsNullOrWhiteSpace(id), field, "is required");
        FieldViolations.Require(id!.Length <= MaxLength, field, $"must be at most {MaxLength} characters");
        return id;
    }

    /// <summary>An optional id (a filter): empty means none, otherwise the same limits as <see cref="Require"/>.</summary>
    public static string? Optional(string? id, string field) => string.IsNullOrEmpty(id) ? null : Require(id, field);

    /// <summary>How messages quote an id: at most a short prefix, control characters escaped.</summary>
    public static string Quote(string id) => SafeText.Quote(id);
}
