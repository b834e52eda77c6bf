using Flatness.Numerics.Networks;
using Flatness.Numerics.Randomness;

namespace Flatness.Constructions.Sampling;

/// <summary>Noisy samples of a target f₀ with their clean values.</summary>
/// <param name="Data">(xᵢ, yᵢ = f₀(xᵢ) + εᵢ).</param>
/// <param name="Clean">f₀(xᵢ).</param>
public sealed record TeacherSample(Dataset Data, double[] Clean);

/// <summary>Paper B's experiment data (spec §9): xᵢ ~ Unif(B^d₁), yᵢ = f₀(xᵢ) + N(0, σ²).</summary>
public static class TeacherData
{
    /// <summary>A fixed unit direction w ~ Unif(S^{d−1}) drawn from <paramref name="rng"/> (the linear target f₀(x) = wᵀx).</summary>
    public static double[] UnitDirection(int d, Rng rng) => UniformSampling.Sphere(d, rng);

    /// <summary>n samples of the linear target f₀(x) = wᵀx with Gaussian noise of standard deviation σ.</summary>
    /// <remarks>Draw order: for each i, xᵢ (Gaussian direction then radius U^{1/d}), then εᵢ.</remarks>
    public static TeacherSample Linear(int n, ReadOnlySpan<double> w, double sigma, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        int d = w.Length;
        if (n < 1 || d < 1 || !(sigma >= 0)) throw new ArgumentException("need n >= 1, d >= 1, sigma >= 0");
        var x = new double[n * d];
        var y = new double[n];
        var clean = new double[n];
        for (int i = 0; i < n; i++)
        {
            var xi = UniformSampling.Ball(d, rng);
            xi.CopyTo(x, i * d);
            double f = 0;
            for (int k = 0; k < d; k++) f += w[k] * xi[k];
            clean[i] = f;
            y[i] = f + sigma * rng.NextGaussian();
        }
        return new TeacherSample(new Dataset(x, y, d), clean);
    }

    /// <summary>n samples of paper B's Hölder-½ target f₀(x) = (1/d)Σⱼ|uⱼᵀx|^{1/2} + 1 (Figs. 13–15), uⱼ the rows of
    /// <paramref name="directions"/> (d×d, row-major, unit rows), with Gaussian noise of standard deviation σ.</summary>
    public static TeacherSample Holder(int n, int d, ReadOnlySpan<double> directions, double sigma, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        if (directions.Length != d * d) throw new ArgumentException("need d unit directions of length d");
        var x = new double[n * d];
        var y = new double[n];
        var clean = new double[n];
        for (int i = 0; i < n; i++)
        {
            var xi = UniformSampling.Ball(d, rng);
            xi.CopyTo(x, i * d);
            clean[i] = HolderValue(xi, directions);
            y[i] = clean[i] + sigma * rng.NextGaussian();
        }
        return new TeacherSample(new Dataset(x, y, d), clean);
    }

    /// <summary>f₀(x) = (1/d)Σⱼ|uⱼᵀx|^{1/2} + 1.</summary>
    public static double HolderValue(ReadOnlySpan<double> x, ReadOnlySpan<double> directions)
    {
        int d = x.Length;
        double s = 0;
        for (int j = 0; j < d; j++)
        {
            double p = 0;
            for (int k = 0; k < d; k++) p += directions[j * d + k] * x[k];
            s += Math.Sqrt(Math.Abs(p));
        }
        return s / d + 1;
    }
}
