namespace Flatness.Claims.Model;

/// <summary>Provenance labels of the specifications (a claim may carry two, e.g. [paper] + [derived]).</summary>
[Flags]
public enum Provenance
{
    /// <summary>No label (invalid for a registered claim).</summary>
    None = 0,
    /// <summary>[paper]: stated in the paper.</summary>
    Paper = 1,
    /// <summary>[reconstructed]: display rebuilt from the paper's text; exponents trusted, constants not.</summary>
    Reconstructed = 2,
    /// <summary>[derived]: mathematics derived for this project.</summary>
    Derived = 4,
}

/// <summary>How a claim is checked.</summary>
[Flags]
public enum ClaimKind
{
    /// <summary>No kind (invalid).</summary>
    None = 0,
    /// <summary>Z3 proof of the obligation and refutation of its mutant.</summary>
    Symbolic = 1,
    /// <summary>Exact numerics against closed forms, dense references and finite differences.</summary>
    ExactNumeric = 2,
    /// <summary>Monte Carlo or fitted rates with uncertainty.</summary>
    Statistical = 4,
    /// <summary>Training experiments.</summary>
    Experiment = 8,
}

/// <summary>Cost profile: quick claims run in seconds inside the test suite; full ones take minutes.</summary>
public enum Profile
{
    /// <summary>Seconds; part of <c>dotnet test</c>.</summary>
    Quick,
    /// <summary>Minutes; reproduces experiments at reduced, faithful sizes (at most 20 minutes for the whole profile).</summary>
    Full,
    /// <summary>The papers' own sizes, seeds and step counts (hours); a claim without paper sizes runs its full sizes.</summary>
    Paper,
}

/// <summary>The verdict vocabulary of reports and results.json.</summary>
public enum Verdict
{
    /// <summary>Confirmed by a proof or by numerics within a recorded tolerance.</summary>
    Confirmed,
    /// <summary>A counterexample or counter-model is stored.</summary>
    Refuted,
    /// <summary>Solver unknown/timeout, statistics that do not decide, or a dependency not confirmed.</summary>
    Inconclusive,
    /// <summary>The check itself threw: reported with its message.</summary>
    Error,
}

/// <summary>How a verdict was reached.</summary>
public enum VerdictMethod
{
    /// <summary>A Z3 proof (negation unsatisfiable) or refutation (counter-model).</summary>
    Proof,
    /// <summary>Exact numerics within a recorded tolerance.</summary>
    ExactNumerics,
    /// <summary>Statistics with recorded uncertainty.</summary>
    Statistics,
    /// <summary>A training experiment.</summary>
    Experiment,
}

/// <summary>Text forms of the enums as they appear in reports and JSON.</summary>
public static class ClaimText
{
    /// <summary>"[paper] + [derived]" etc.</summary>
    public static string Label(this Provenance provenance)
    {
        var parts = new List<string>();
        if (provenance.HasFlag(Provenance.Paper)) parts.Add("[paper]");
        if (provenance.HasFlag(Provenance.Reconstructed)) parts.Add("[reconstructed]");
        if (provenance.HasFlag(Provenance.Derived)) parts.Add("[derived]");
        return string.Join(" + ", parts);
    }

    /// <summary>Parses "[paper] + [derived]".</summary>
    public static Provenance ParseProvenance(string label)
    {
        ArgumentNullException.ThrowIfNull(label);
        var p = Provenance.None;
        if (label.Contains("[paper]", StringComparison.Ordinal)) p |= Provenance.Paper;
        if (label.Contains("[reconstructed]", StringComparison.Ordinal)) p |= Provenance.Reconstructed;
        if (label.Contains("[derived]", StringComparison.Ordinal)) p |= Provenance.Derived;
        return p;
    }

    /// <summary>Parses a spec table's kind cell ("exact-numeric + statistical", "symbolic", …).</summary>
    /// <exception cref="FormatException">An unknown kind.</exception>
    public static ClaimKind ParseKind(string cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        var kind = ClaimKind.None;
        foreach (var part in cell.Split('+', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            kind |= part switch
            {
                "symbolic" => ClaimKind.Symbolic,
                "exact-numeric" => ClaimKind.ExactNumeric,
                "statistical" => ClaimKind.Statistical,
                "experiment" => ClaimKind.Experiment,
                _ => throw new FormatException($"unknown claim kind '{part}' (symbolic, exact-numeric, statistical, experiment)"),
            };
        return kind == ClaimKind.None ? throw new FormatException("a claim kind cell is empty") : kind;
    }

    /// <summary>Parses a spec table's cost cell ("quick", "full" or "paper").</summary>
    /// <exception cref="FormatException">An unknown profile.</exception>
    public static Profile ParseProfile(string cell) => cell?.Trim() switch
    {
        "quick" => Profile.Quick,
        "full" => Profile.Full,
        "paper" => Profile.Paper,
        _ => throw new FormatException($"unknown cost '{cell}' (quick, full or paper)"),
    };

    /// <summary>"symbolic", "exact-numeric + statistical", …</summary>
    public static string Name(this ClaimKind kind)
    {
        var parts = new List<string>();
        if (kind.HasFlag(ClaimKind.Symbolic)) parts.Add("symbolic");
        if (kind.HasFlag(ClaimKind.ExactNumeric)) parts.Add("exact-numeric");
        if (kind.HasFlag(ClaimKind.Statistical)) parts.Add("statistical");
        if (kind.HasFlag(ClaimKind.Experiment)) parts.Add("experiment");
        return string.Join(" + ", parts);
    }

    /// <summary>"quick", "full" or "paper".</summary>
    public static string Name(this Profile profile) => profile switch { Profile.Quick => "quick", Profile.Full => "full", _ => "paper" };

    /// <summary>"confirmed", "refuted", "inconclusive" or "error".</summary>
    public static string Name(this Verdict verdict) => verdict switch
    {
        Verdict.Confirmed => "confirmed",
        Verdict.Refuted => "refuted",
        Verdict.Inconclusive => "inconclusive",
        _ => "error",
    };

    /// <summary>"proof", "exact numerics", "statistics" or "experiment".</summary>
    public static string Name(this VerdictMethod method) => method switch
    {
        VerdictMethod.Proof => "proof",
        VerdictMethod.ExactNumerics => "exact numerics",
        VerdictMethod.Statistics => "statistics",
        _ => "experiment",
    };
}
