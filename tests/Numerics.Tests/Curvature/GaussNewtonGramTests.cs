using Flatness.Numerics.Curvature;
using Flatness.Numerics.Networks;
using Flatness.Numerics.Tests.Support;

namespace Flatness.Numerics.Tests.Curvature;

public class GaussNewtonGramTests
{
    private static IEnumerable<TestNet> Interpolators() =>
        Cases.ActivationNames.SelectMany((a, i) => new[]
        {
            Cases.Make(a, true, true, true, 6, 3, 4, 300 + (ulong)i),
            Cases.Make(a, false, false, true, 5, 2, 5, 400 + (ulong)i),
        });

    [TestCaseSource(nameof(Interpolators))]
    public void AtInterpolation_HessianSpectrum_IsGramSpectrumPaddedWithZeros(TestNet c)
    {
        foreach (var loss in new[] { LossConvention.Mse, LossConvention.HalfMse })
        {
            var dense = DenseHessian.Compute(c.Network, c.Data, loss).Eigenvalues();
            var gram = GaussNewtonGram.GaussNewtonEigenvalues(NetworkEvaluation.Evaluate(c.Network, c.Data, loss));
            double lmax = dense[^1];
            // spec A-20: rel. 1e-9 on the nonzero part, the rest below 1e-9 λmax.
            Tolerances.AssertAllClose(gram, dense, 1e-9, 1e-9 * lmax, "spectrum");
            int rank = dense.Count(l => Math.Abs(l) > 1e-9 * lmax);
            Assert.That(rank, Is.LessThanOrEqualTo(c.Data.Count), "rank <= n");
        }
    }

    [Test]
    public void ScaledGram_MatchesJJTranspose_FromFiniteDifferenceGradients()
    {
        var c = Cases.Make("leaky_relu", true, true, false, 6, 3, 4, 12);
        var e = NetworkEvaluation.Evaluate(c.Network, c.Data, LossConvention.Mse);
        var k = GaussNewtonGram.ScaledGram(e);
        // ∇fᵢ as the gradient of ½(f(xᵢ) − yᵢ')² with yᵢ' = f(xᵢ) − 1 (residual 1), by central differences.
        var f = c.Network.Predict(c.Data);
        var grads = new List<double[]>();
        for (int i = 0; i < 6; i++)
        {
            var one = new Dataset(c.Data.Input(i), [f[i] - 1], 3);
            grads.Add(FiniteDifferences.Gradient(c.Network, one, LossConvention.HalfMse, 1e-6));
        }
        for (int i = 0; i < 6; i++)
            for (int l = 0; l < 6; l++)
            {
                double dot = grads[i].Zip(grads[l], (x, y) => x * y).Sum();
                Tolerances.AssertClose(k[i * 6 + l], 2.0 / 6 * dot, 1e-7, 1e-9, $"K[{i},{l}]");
            }
    }
}
