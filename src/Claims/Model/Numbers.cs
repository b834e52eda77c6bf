using System.Globalization;

namespace Flatness.Claims.Model;

/// <summary>Rounding to a declared number of significant digits before anything is reported or snapshotted.</summary>
/// <remarks>Errors at rounding level (say 3e-16) depend on the order of floating-point operations, which may differ
/// between SIMD widths; <see cref="Error"/> therefore reports such values at a floor ("&lt; 1e-14") so that reports
/// are identical wherever the suite runs.</remarks>
public static class Numbers
{
    /// <summary>Default significant digits of reported values.</summary>
    public const int DefaultDigits = 6;

    /// <summary>Significant digits of reported errors.</summary>
    public const int ErrorDigits = 2;

    /// <summary>Errors below this are reported as "&lt; 1e-14".</summary>
    public const double ErrorFloor = 1e-14;

    /// <summary>v rounded to <paramref name="digits"/> significant digits (non-finite values unchanged).</summary>
    public static double Round(double v, int digits = DefaultDigits)
    {
        if (!double.IsFinite(v) || v == 0) return v;
        return double.Parse(v.ToString("G" + digits, CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    /// <summary>v as text with <paramref name="digits"/> significant digits.</summary>
    public static string Format(double v, int digits = DefaultDigits)
    {
        if (double.IsNaN(v)) return "NaN";
        if (double.IsPositiveInfinity(v)) return "+inf";
        if (double.IsNegativeInfinity(v)) return "-inf";
        return Round(v, digits).ToString("G" + digits, CultureInfo.InvariantCulture).Replace("E+", "e+", StringComparison.Ordinal)
            .Replace("E-", "e-", StringComparison.Ordinal);
    }

    /// <summary>An error value rounded to 2 digits, with the floor applied.</summary>
    public static double ErrorValue(double v) => Math.Abs(v) < ErrorFloor ? ErrorFloor : Round(v, ErrorDigits);

    /// <summary>An error as text: "&lt; 1e-14" below the floor, else 2 significant digits.</summary>
    public static string Error(double v) => Math.Abs(v) < ErrorFloor ? "< 1e-14" : Format(v, ErrorDigits);

    /// <summary>An integer as text.</summary>
    public static string Count(long v) => v.ToString(CultureInfo.InvariantCulture);
}
