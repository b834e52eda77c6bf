using Flatness.Numerics.Networks;
using Flatness.Numerics.Randomness;

namespace Flatness.Numerics.Population;

/// <summary>Population quantities for inputs uniform on the sphere of radius √d (a non-Gaussian input family with the same
/// second moments, E xxᵀ = I), by Monte Carlo with standard errors.</summary>
/// <remarks>x = √d·z/‖z‖ with z ~ N(0, I_d) is uniform on √d·S^{d−1}; E xxᵀ = I, so E(wᵀx)² = ‖w‖² exactly (the tests pin
/// this). No closed form is used for the kernels on the sphere; everything is Monte Carlo over fresh points.</remarks>
public static class SpherePopulationLoss
{
    /// <summary>Fills <paramref name="x"/> with a point uniform on the sphere of radius √d (d = its length).</summary>
    public static void Sample(Span<double> x, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        double norm;
        do
        {
            rng.FillGaussian(x);
            norm = 0;
            foreach (double v in x) norm += v * v;
        }
        while (norm == 0);
        double scale = Math.Sqrt(x.Length / norm);
        for (int k = 0; k < x.Length; k++) x[k] *= scale;
    }

    /// <summary>Monte Carlo estimates, over the same fresh sphere points, of E(f − g)² and Var g(x), with standard errors.</summary>
    /// <returns>(excess E(f − g)², its SE, Var g, its SE); the SE of the variance is that of E g² (the mean's error is second order).</returns>
    public static (PopulationValue Excess, PopulationValue TargetVariance) MonteCarlo(TwoLayerNetwork network,
        Func<double[], double> target, int samples, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(rng);
        ArgumentOutOfRangeException.ThrowIfLessThan(samples, 2);
        var x = new double[network.InputDimension];
        double se = 0, se2 = 0, sg = 0, sgg = 0, sgg2 = 0;
        for (int i = 0; i < samples; i++)
        {
            Sample(x, rng);
            double g = target(x), e = network.Evaluate(x) - g;
            se += e * e; se2 += e * e * e * e;
            sg += g;
            sgg += g * g; sgg2 += g * g * g * g;
        }
        double n = samples;
        double excess = se / n, excessSe = Math.Sqrt(Math.Max(se2 / n - excess * excess, 0) / (n - 1));
        double mean = sg / n, second = sgg / n, variance = second - mean * mean;
        double varianceSe = Math.Sqrt(Math.Max(sgg2 / n - second * second, 0) / (n - 1));
        return (new PopulationValue(excess, excessSe, PopulationMethod.MonteCarlo, samples),
            new PopulationValue(variance, varianceSe, PopulationMethod.MonteCarlo, samples));
    }
}
