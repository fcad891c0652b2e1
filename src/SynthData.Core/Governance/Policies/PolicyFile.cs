using System.Globalization;
using SynthData.Core.Generation;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace SynthData.Core.Governance.Policies;

/// <summary>
/// Reads a release policy (YAML, or JSON which YAML includes) strictly: unknown fields, wrong types,
/// missing required fields, values out of range and self-contradictions are refused with the file and
/// the field named. The format is documented in policies/README.md and policies/schemas/policy.v1.schema.json.
/// </summary>
public static class PolicyFile
{
    /// <summary>Keys a policy's PII handling may list: identifiers and each PII kind, as spelled in policy files.</summary>
    public static readonly string[] PiiKinds = ["identifier", "email", "phone", "name", "address", "free_text"];

    /// <summary>Reads and validates the policy file at <paramref name="path"/>.</summary>
    public static ReleasePolicy Load(string path) => Parse(File.ReadAllText(path), path);

    /// <summary>Parses policy text; <paramref name="source"/> names it in error messages.</summary>
    public static ReleasePolicy Parse(string text, string source)
    {
        // The representation model keeps each scalar's style, so a quoted "3" is a string, not a number (types are strict).
        YamlNode? root;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            root = stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
        }
        catch (YamlException e)
        {
            throw new PolicyException(source, "(document)", $"not valid YAML/JSON at line {e.Start.Line}, column {e.Start.Column}");
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this (without a position) when the text ends inside an unclosed flow collection.
            int lines = text.TrimEnd().Split('\n').Length;
            throw new PolicyException(source, "(document)", $"not valid YAML/JSON: the text ends at line {lines} inside an unclosed bracket or brace");
        }
        var top = Map(root, source, "(document)");
        var reader = new FieldReader(source, top, "");
        var auditMap = reader.OptionalMap("audit");
        var audit = new AuditThresholds();
        if (auditMap is not null)
        {
            var a = new FieldReader(source, auditMap, "audit.");
            audit = new AuditThresholds
            {
                MaxMiaAucUpper = a.Number("max_mia_auc_upper", 0.5, 1, audit.MaxMiaAucUpper),
                MaxTprAt1PctFpr = a.Number("max_tpr_at_1pct_fpr", 0, 1, audit.MaxTprAt1PctFpr),
                MinDcrShare = a.Number("min_dcr_share", 0, 1, audit.MinDcrShare),
                MaxDcrShare = a.Number("max_dcr_share", 0, 1, audit.MaxDcrShare),
                MaxExactCopyRateExcess = a.Number("max_exact_copy_rate_excess", 0, 1, audit.MaxExactCopyRateExcess),
                MaxPiiReplays = (int)a.Number("max_pii_replays", 0, int.MaxValue, audit.MaxPiiReplays, integer: true),
                EmpiricalEpsilonMustNotExceedTheoretical = a.Boolean("empirical_epsilon_must_not_exceed_theoretical", true),
            };
            a.RejectUnknown();
            if (audit.MinDcrShare > audit.MaxDcrShare)
                throw new PolicyException(source, "audit.min_dcr_share", $"{audit.MinDcrShare} is above audit.max_dcr_share {audit.MaxDcrShare}");
        }
        var handling = new Dictionary<string, ColumnRelease>();
        if (reader.OptionalMap("pii_handling") is { } piiMap)
            foreach (var (key, value) in piiMap)
            {
                string kind = key;
                if (!PiiKinds.Contains(kind))
                    throw new PolicyException(source, $"pii_handling.{kind}", $"unknown kind; expected one of {string.Join(", ", PiiKinds)}");
                handling[kind] = (value as YamlScalarNode)?.Value switch
                {
                    "drop" => ColumnRelease.Drop,
                    "replace" => ColumnRelease.Replace,
                    _ => throw new PolicyException(source, $"pii_handling.{kind}", "expected 'drop' or 'replace'"),
                };
            }

        var policy = new ReleasePolicy
        {
            Id = reader.Text("id", required: true)!,
            Version = (int)reader.Number("version", 1, int.MaxValue, null, integer: true),
            Description = reader.Text("description", required: false) ?? "",
            MaxEpsilonPerRelease = reader.Number("max_epsilon_per_release", double.Epsilon, 100, null),
            MaxDeltaFactor = reader.Number("max_delta_factor", double.Epsilon, 1, null),
            LifetimeEpsilonBudget = reader.Number("lifetime_epsilon_budget", double.Epsilon, 1000, null),
            MinRows = (long)reader.Number("min_rows", 1, 1e12, null, integer: true),
            PiiHandling = handling,
            Audit = audit,
            RequireReviewerApproval = reader.Boolean("require_reviewer_approval", false),
            RequireDeclaredSchema = reader.Boolean("require_declared_schema", false),
            DenyOnQualityWarnings = reader.Boolean("deny_on_quality_warnings", false),
            RawDataRetentionDays = (int)reader.Number("raw_data_retention_days", 0, 36500, 30, integer: true),
        };
        reader.RejectUnknown();
        if (policy.MaxDeltaFactor >= 1)
            throw new PolicyException(source, "max_delta_factor", "must be below 1 (delta >= 1/N would permit releasing a row outright)");
        if (policy.MaxEpsilonPerRelease > policy.LifetimeEpsilonBudget)
            throw new PolicyException(source, "max_epsilon_per_release",
                $"{policy.MaxEpsilonPerRelease} exceeds lifetime_epsilon_budget {policy.LifetimeEpsilonBudget}: no release could ever be admitted");
        if (!System.Text.RegularExpressions.Regex.IsMatch(policy.Id, "^[a-z0-9][a-z0-9-]{0,63}$"))
            throw new PolicyException(source, "id", "expected lower-case letters, digits and hyphens (at most 64)");
        return policy;
    }

    static Dictionary<string, YamlNode> Map(YamlNode? node, string source, string field) => node switch
    {
        YamlMappingNode map => map.Children.ToDictionary(kv => (kv.Key as YamlScalarNode)?.Value ?? "", kv => kv.Value, StringComparer.Ordinal),
        _ => throw new PolicyException(source, field, "expected a mapping of fields"),
    };

    /// <summary>An unquoted scalar's text (YAML plain style); JSON numbers and booleans arrive this way too.</summary>
    static string? PlainScalar(YamlNode node) =>
        node is YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain, Value: { } value } && value is not ("null" or "~" or "") ? value : null;

    /// <summary>Reads typed fields from one mapping and remembers which were read, to refuse the rest.</summary>
    sealed class FieldReader(string source, Dictionary<string, YamlNode> map, string prefix)
    {
        readonly HashSet<string> _read = [];

        YamlNode? Raw(string name)
        {
            _read.Add(name);
            // An explicit null (`field:` or `field: null`) counts as absent.
            return map.TryGetValue(name, out var value) && !(value is YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain, Value: null or "" or "null" or "~" })
                ? value : null;
        }

        public Dictionary<string, YamlNode>? OptionalMap(string name) =>
            Raw(name) is { } node ? Map(node, source, prefix + name) : null;

        public string? Text(string name, bool required)
        {
            var raw = Raw(name);
            if (raw is null)
                return required ? throw new PolicyException(source, prefix + name, "required field is missing") : null;
            bool looksTyped = PlainScalar(raw) is { } plain && (plain is "true" or "false" || double.TryParse(plain, NumberStyles.Float, CultureInfo.InvariantCulture, out _));
            return raw is YamlScalarNode { Value: { Length: > 0 } text } && !looksTyped
                ? text : throw new PolicyException(source, prefix + name, "expected a non-empty string");
        }

        public double Number(string name, double min, double max, double? fallback, bool integer = false)
        {
            var raw = Raw(name);
            if (raw is null)
                return fallback ?? throw new PolicyException(source, prefix + name, "required field is missing");
            if (PlainScalar(raw) is not { } text || !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
                throw new PolicyException(source, prefix + name, "expected a number");
            if (integer && value != Math.Floor(value)) throw new PolicyException(source, prefix + name, "expected a whole number");
            if (value < min || value > max) throw new PolicyException(source, prefix + name, $"{value.ToString(CultureInfo.InvariantCulture)} is outside [{min.ToString(CultureInfo.InvariantCulture)}, {max.ToString(CultureInfo.InvariantCulture)}]");
            return value;
        }

        public bool Boolean(string name, bool fallback) => Raw(name) switch
        {
            null => fallback,
            var node => PlainScalar(node) switch
            {
                "true" => true,
                "false" => false,
                _ => throw new PolicyException(source, prefix + name, "expected true or false"),
            },
        };

        public void RejectUnknown()
        {
            foreach (var key in map.Keys)
                if (!_read.Contains(key)) throw new PolicyException(source, prefix + key, "unknown field");
        }
    }
}
