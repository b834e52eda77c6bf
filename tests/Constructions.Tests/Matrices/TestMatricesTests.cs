using Flatness.Constructions.Matrices;
using Flatness.Numerics.LinearAlgebra;
using Flatness.Numerics.Randomness;

namespace Flatness.Constructions.Tests.Matrices;

public class TestMatricesTests
{
    [TestCase(50, 10, 1UL)]
    [TestCase(12, 20, 2UL)]
    public void Wishart_IsGGTransposeOfTheDrawnGaussians(int p, int r, ulong seed)
    {
        // Reference: G drawn again from the same seed, GGᵀ multiplied out by Math.NET.
        var a = TestMatrices.Wishart(p, r, new Rng(seed));
        var g = new double[p * r];
        new Rng(seed).FillGaussian(g);
        var gm = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(p, r, (i, k) => g[i * r + k]);
        var expected = gm * gm.Transpose();
        for (int i = 0; i < p; i++)
            for (int j = 0; j < p; j++) Assert.That(a[i, j], Is.EqualTo(expected[i, j]).Within(1e-12 * Math.Max(1, Math.Abs(expected[i, j]))));
    }

    [TestCase(50, 10)]
    [TestCase(12, 20)]
    public void Wishart_IsPositiveSemidefiniteOfRankMinPR(int p, int r)
    {
        var a = TestMatrices.Wishart(p, r, new Rng(3));
        var inertia = Inertia.Of(a);
        Assert.That(inertia.Negative, Is.EqualTo(0));
        Assert.That(inertia.Rank, Is.EqualTo(Math.Min(p, r)));
    }

    [Test]
    public void Wishart_TraceAveragesToPTimesR()
    {
        // E tr GGᵀ = E‖G‖_F² = p·r; over 400 draws of p = 50, r = 10 the mean trace has SE √(2pr/400) ≈ 1.6 (Var χ²_k = 2k).
        var rng = new Rng(4);
        double mean = Enumerable.Range(0, 400).Average(_ => TestMatrices.Wishart(50, 10, rng).Trace());
        Assert.That(mean, Is.EqualTo(500).Within(6 * Math.Sqrt(2 * 500 / 400.0)));
    }

    [TestCase(60, 5UL)]
    [TestCase(7, 6UL)]
    public void DecayingSpectrum_HasEigenvaluesOneOverISquared(int p, ulong seed)
    {
        // Reference: the dense symmetric eigendecomposition (Math.NET), an independent computation of the spectrum.
        var a = TestMatrices.DecayingSpectrum(p, new Rng(seed));
        var eigenvalues = a.Eigenvalues();
        var expected = Enumerable.Range(1, p).Select(i => 1.0 / (i * (double)i)).Order().ToArray();
        for (int i = 0; i < p; i++) Assert.That(eigenvalues[i], Is.EqualTo(expected[i]).Within(1e-12));
        Assert.That(a.Trace(), Is.EqualTo(expected.Sum()).Within(1e-12));
    }

    [Test]
    public void DifferentSeeds_GiveDifferentMatrices()
    {
        var a = TestMatrices.DecayingSpectrum(5, new Rng(1));
        var b = TestMatrices.DecayingSpectrum(5, new Rng(2));
        Assert.That(a[0, 1], Is.Not.EqualTo(b[0, 1]));
    }
}
