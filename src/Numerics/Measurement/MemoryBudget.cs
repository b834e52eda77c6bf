using System.Globalization;

namespace Flatness.Numerics.Measurement;

/// <summary>How <c>flatness measure</c> evaluates the network: caching the n×m forward-pass arrays, or streaming them.</summary>
public enum EvaluationPath
{
    /// <summary>One forward pass cached as n×m arrays (z, σ, σ', and σ'' unless σ is piecewise linear), read by every Hessian product.</summary>
    Cached,

    /// <summary>Only O(n) per-sample results kept; each Hessian product recomputes the forward pass block by block.</summary>
    Streaming,
}

/// <summary>Memory sizes: parsing "2GB"-style budgets and estimating what each evaluation path holds.</summary>
/// <remarks>
/// The cached path is chosen when its estimate fits the budget. Estimates, in bytes (8 per double), beyond the data
/// the caller already holds: cached = 8·[n·m·c + 3n] with c = 3 arrays for k = 1 (z, σ, σ') and 4 for k ≥ 2 and the smooth activations (σ'' too);
/// streaming = 8·[3n]. Both paths share X̃ (the data with a column of ones, n·(d+1) doubles, when the network has hidden
/// biases), the Lanczos basis (at most one P-vector per iteration) and the operator's O(L·m·d) partial sums, which
/// the estimate adds to both.
/// </remarks>
public static class MemoryBudget
{
    /// <summary>The default budget, 2 GB = 2·10⁹ bytes.</summary>
    public const long DefaultBytes = 2_000_000_000;

    private static readonly (string Suffix, long Factor)[] s_units =
    [
        ("KIB", 1L << 10), ("MIB", 1L << 20), ("GIB", 1L << 30), ("TIB", 1L << 40),
        ("KB", 1_000), ("MB", 1_000_000), ("GB", 1_000_000_000), ("TB", 1_000_000_000_000),
        ("K", 1_000), ("M", 1_000_000), ("G", 1_000_000_000), ("T", 1_000_000_000_000), ("B", 1),
    ];

    /// <summary>Parses a size: a non-negative decimal number with an optional unit B, KB/MB/GB/TB (powers of 1000),
    /// KiB/MiB/GiB/TiB (powers of 1024), or K/M/G/T (= KB/MB/GB/TB); case-insensitive; no unit means bytes.</summary>
    /// <returns>False, with a one-line reason, for anything else (negative, not finite, above 2⁶³ bytes, unknown unit).</returns>
    public static bool TryParse(string? text, out long bytes, out string error)
    {
        bytes = 0;
        error = "";
        string t = (text ?? "").Trim();
        long factor = 1;
        foreach (var (suffix, f) in s_units)
        {
            if (t.Length > suffix.Length && t.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                factor = f;
                t = t[..^suffix.Length].TrimEnd();
                break;
            }
        }
        if (!double.TryParse(t, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
        {
            error = $"'{text}' is not a size: expected a number with an optional unit (B, KB, MB, GB, TB, KiB, MiB, GiB, TiB), e.g. 2GB";
            return false;
        }
        double total = value * factor;
        if (total >= 9.2e18)
        {
            error = $"'{text}' is too large";
            return false;
        }
        bytes = (long)Math.Round(total);
        return true;
    }

    /// <summary>The n×m arrays and per-sample vectors the cached path adds: 8·[n·m·c + 3n] bytes (see the class).</summary>
    public static long CachedBytes(long samples, long width, bool secondDerivatives) =>
        8 * (samples * width * (secondDerivatives ? 4 : 3) + 3 * samples);

    /// <summary>The per-sample vectors the streaming path keeps: 8·3n bytes.</summary>
    public static long StreamingBytes(long samples) => 8 * 3 * samples;

    /// <summary>What both paths hold: X̃ when it is a copy (hidden biases), at most <paramref name="lanczosIterations"/>
    /// P-vectors of the Lanczos basis, and the operator's partial sums, 8·[n·(d+1)·𝟙_b + k·P + L·(m(d+1) + m + 1)].</summary>
    public static long SharedBytes(long samples, int inputDimension, int width, bool hiddenBias, int parameters, int lanczosIterations, int lanes)
    {
        long dt = inputDimension + (hiddenBias ? 1 : 0);
        return 8 * ((hiddenBias ? samples * dt : 0) + (long)lanczosIterations * parameters + (long)lanes * (width * dt + width + 1));
    }

    /// <summary>Formats bytes for people: "1.23 GB" (powers of 1000).</summary>
    public static string Format(long bytes) => bytes switch
    {
        >= 1_000_000_000 => (bytes / 1e9).ToString("0.##", CultureInfo.InvariantCulture) + " GB",
        >= 1_000_000 => (bytes / 1e6).ToString("0.##", CultureInfo.InvariantCulture) + " MB",
        >= 1_000 => (bytes / 1e3).ToString("0.##", CultureInfo.InvariantCulture) + " KB",
        _ => bytes.ToString(CultureInfo.InvariantCulture) + " B",
    };
}
