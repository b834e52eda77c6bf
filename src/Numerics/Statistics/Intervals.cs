using MathNet.Numerics.Distributions;

namespace Flatness.Numerics.Statistics;

/// <summary>Reference intervals for the estimator checks (paper A spec A-23).</summary>
public static class Intervals
{
    /// <summary>The normal-approximation band p ± z·√(p(1−p)/n) for a share of n Bernoulli(p) trials at the given
    /// two-sided level (e.g. 0.99).</summary>
    public static (double Low, double High) BinomialBand(double p, int n, double level)
    {
        double z = Normal.InvCDF(0, 1, 0.5 + level / 2);
        double half = z * Math.Sqrt(p * (1 - p) / n);
        return (p - half, p + half);
    }

    /// <summary>The large-sample interval of s²/σ² for n samples of a distribution with excess kurtosis κ:
    /// 1 ± z·√(2/(n−1) + κ/n) (Var(s²) = σ⁴(2/(n−1) + κ/n)). For Gaussian samples κ = 0 and this is the normal
    /// approximation of the χ² interval; heavy-tailed samples (quadratic forms zᵀAz) need κ &gt; 0.</summary>
    public static (double Low, double High) VarianceRatio(int n, double level, double excessKurtosis)
    {
        double z = Normal.InvCDF(0, 1, 0.5 + level / 2);
        double half = z * Math.Sqrt(2.0 / (n - 1) + Math.Max(0, excessKurtosis) / n);
        return (1 - half, 1 + half);
    }

    /// <summary>Sample excess kurtosis m₄/m₂² − 3.</summary>
    public static double ExcessKurtosis(IReadOnlyList<double> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        double mean = samples.Average();
        double m2 = 0, m4 = 0;
        foreach (double s in samples)
        {
            double d = (s - mean) * (s - mean);
            m2 += d;
            m4 += d * d;
        }
        m2 /= samples.Count;
        m4 /= samples.Count;
        return m4 / (m2 * m2) - 3;
    }

    /// <summary>P(|T| ≤ t) for Student's t with the given degrees of freedom: the nominal coverage of mean ± t·SE.</summary>
    public static double StudentCoverage(double t, double degreesOfFreedom) =>
        StudentT.CDF(0, 1, degreesOfFreedom, t) - StudentT.CDF(0, 1, degreesOfFreedom, -t);

    /// <summary>The interval of s²/σ² for n Gaussian samples at the given level: [χ²_{(1−level)/2}, χ²_{(1+level)/2}]/(n − 1).</summary>
    public static (double Low, double High) VarianceRatio(int n, double level)
    {
        double dof = n - 1;
        return (ChiSquared.InvCDF(dof, (1 - level) / 2) / dof, ChiSquared.InvCDF(dof, (1 + level) / 2) / dof);
    }
}
