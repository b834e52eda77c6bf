using System.Numerics.Tensors;
using Flatness.Numerics.LinearAlgebra;
using Flatness.Numerics.Randomness;

namespace Flatness.Numerics.Estimators;

/// <summary>Hutchinson's trace estimator tr A ≈ (1/N) Σₛ zₛᵀAzₛ, with its standard error.</summary>
/// <remarks>
/// E[zᵀAz] = tr A for probes with E[zzᵀ] = I. One-probe variance: 2(‖A‖_F² − ΣAᵢᵢ²) for Rademacher probes,
/// 2‖A‖_F² for Gaussian; with N probes SE = √(Var/N); for PSD A the relative SE is at most √(2/N)·‖A‖_F/tr A ≤ √(2/N).
/// Sufficient count (Skorski 2021): N ≥ 2(2 + (8√2/3)ε) log(2/δ)/ε². Stop on the estimated SE/|mean|, never on the
/// change of the running mean. Hutchinson, Commun. Stat. Simul. Comput. 19 (1990); paper A specification F7.
/// </remarks>
public static class Hutchinson
{
    /// <summary>Estimates tr A with a fixed number of probes.</summary>
    /// <param name="op">A.</param>
    /// <param name="probes">N ≥ 2 (the SE needs two samples).</param>
    /// <param name="seed">Seed of the probes.</param>
    /// <param name="distribution">Probe distribution.</param>
    public static TraceEstimate Estimate(ISymmetricOperator op, int probes, ulong seed, ProbeDistribution distribution = ProbeDistribution.Rademacher)
    {
        ArgumentNullException.ThrowIfNull(op);
        if (probes < 2) throw new ArgumentOutOfRangeException(nameof(probes), "at least two probes");
        var samples = Samples(op, probes, seed, distribution);
        return Summarise(samples, probes);
    }

    /// <summary>Adds probes until SE/|mean| ≤ <paramref name="relativeStandardError"/> or <paramref name="maxProbes"/> is reached.</summary>
    public static TraceEstimate EstimateToRelativeError(ISymmetricOperator op, double relativeStandardError, int maxProbes, ulong seed,
        ProbeDistribution distribution = ProbeDistribution.Rademacher, int minProbes = 10)
    {
        ArgumentNullException.ThrowIfNull(op);
        if (!(relativeStandardError > 0)) throw new ArgumentOutOfRangeException(nameof(relativeStandardError));
        var rng = new Rng(seed);
        var z = new double[op.Dimension];
        var az = new double[op.Dimension];
        var samples = new List<double>();
        while (samples.Count < maxProbes)
        {
            samples.Add(Probe(op, rng, distribution, z, az));
            if (samples.Count >= Math.Max(2, minProbes))
            {
                var est = Summarise(samples.ToArray(), samples.Count);
                if (est.RelativeStandardError <= relativeStandardError) return est;
            }
        }
        return Summarise(samples.ToArray(), samples.Count);
    }

    /// <summary>The N samples zₛᵀAzₛ (for variance checks).</summary>
    public static double[] Samples(ISymmetricOperator op, int probes, ulong seed, ProbeDistribution distribution = ProbeDistribution.Rademacher)
    {
        ArgumentNullException.ThrowIfNull(op);
        var rng = new Rng(seed);
        var z = new double[op.Dimension];
        var az = new double[op.Dimension];
        var samples = new double[probes];
        for (int s = 0; s < probes; s++) samples[s] = Probe(op, rng, distribution, z, az);
        return samples;
    }

    /// <summary>The exact one-probe variance: 2(‖A‖_F² − ΣAᵢᵢ²) (Rademacher) or 2‖A‖_F² (Gaussian).</summary>
    public static double SingleProbeVariance(DenseSymmetricOperator matrix, ProbeDistribution distribution)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        double fro = matrix.FrobeniusNormSquared();
        if (distribution == ProbeDistribution.Gaussian) return 2 * fro;
        double diag = 0;
        for (int i = 0; i < matrix.Dimension; i++) diag += matrix[i, i] * matrix[i, i];
        return 2 * (fro - diag);
    }

    /// <summary>Skorski's sufficient probe count N ≥ 2(2 + (8√2/3)ε) log(2/δ)/ε² for a (1 ± ε) estimate of a PSD
    /// trace with probability 1 − δ (Rademacher or Gaussian).</summary>
    public static int SufficientProbes(double epsilon, double delta)
    {
        if (!(epsilon > 0 && delta > 0 && delta < 1)) throw new ArgumentOutOfRangeException(nameof(epsilon));
        return (int)Math.Ceiling(2 * (2 + 8 * Math.Sqrt(2) / 3 * epsilon) * Math.Log(2 / delta) / (epsilon * epsilon));
    }

    internal static double Probe(ISymmetricOperator op, Rng rng, ProbeDistribution distribution, double[] z, double[] az)
    {
        if (distribution == ProbeDistribution.Rademacher) rng.FillRademacher(z);
        else rng.FillGaussian(z);
        op.Multiply(z, az);
        return TensorPrimitives.Dot(z, az);
    }

    internal static TraceEstimate Summarise(double[] samples, int products)
    {
        int n = samples.Length;
        double mean = samples.Average();
        double ss = 0;
        foreach (double s in samples) ss += (s - mean) * (s - mean);
        double variance = n > 1 ? ss / (n - 1) : double.PositiveInfinity;
        return new TraceEstimate(mean, Math.Sqrt(variance / n), products, n);
    }
}
