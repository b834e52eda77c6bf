using Flatness.Numerics.Curvature;
using Flatness.Numerics.Networks;
using Flatness.Numerics.Tests.Support;
using MathNet.Numerics.LinearAlgebra;

namespace Flatness.Numerics.Tests.Curvature;

/// <summary>Curvature helpers against their definitions where the earlier tests left a degree of freedom (Stryker survivors
/// of Curvature, 3 Dec 2026): the adaptive scalings A-22 compares, the exact symmetry the finite-difference Hessian and the
/// Gram matrix promise, and the Gauss–Newton spectrum when the network has fewer parameters than samples.</summary>
public class CurvatureDefinitionTests
{
    [Test]
    public void AdaptiveScalings_AreTheirDefinitions()
    {
        double[] theta = [0.5, -2.0, 0.0, 3.0];
        Assert.That(AdaptiveSharpness.Scaling(theta, AdaptiveScaling.Absolute), Is.EqualTo(new[] { 0.5, 2.0, 0.0, 3.0 }));
        Assert.That(AdaptiveSharpness.Scaling(theta, AdaptiveScaling.ShiftedAbsolute, eta: 0.25), Is.EqualTo(new[] { 0.75, 2.25, 0.25, 3.25 }));
        Assert.That(AdaptiveSharpness.Scaling(theta, AdaptiveScaling.BiasesExcluded, i => i == 1 || i == 2),
            Is.EqualTo(new[] { 0.5, 1.0, 1.0, 3.0 }));
        Assert.That(AdaptiveSharpness.Scaling(theta, AdaptiveScaling.BiasesExcluded), Is.EqualTo(new[] { 0.5, 2.0, 0.0, 3.0 }),
            "no bias predicate: nothing is excluded");
    }

    [Test]
    public void FiniteDifferenceHessian_AndScaledGram_AreExactlySymmetric()
    {
        var c = Cases.Make("gelu", true, true, false, 7, 3, 4, 61);
        var h = FiniteDifferences.Hessian(c.Network, c.Data, LossConvention.Mse);
        int p = c.Network.Layout.Count;
        for (int i = 0; i < p; i++)
            for (int j = 0; j < i; j++) Assert.That(h[i * p + j], Is.EqualTo(h[j * p + i]), $"H[{i},{j}]");
        var k = GaussNewtonGram.ScaledGram(NetworkEvaluation.Evaluate(c.Network, c.Data, LossConvention.Mse));
        int n = c.Data.Count;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < i; j++) Assert.That(k[i * n + j], Is.EqualTo(k[j * n + i]), $"K[{i},{j}]");
    }

    [TestCase("relu")]
    [TestCase("tanh")]
    public void GaussNewtonEigenvalues_WithFewerParametersThanSamples_AreTheTopPOfTheGramSpectrum(string activation)
    {
        // P = 2·(2 + 1) + 2 + 1 = 9 < n = 20. Reference: G = 2/(νn)JᵀJ from the dense Hessian's Gauss–Newton part at an
        // interpolator (residuals 0, so H = G), diagonalised by MathNet.
        var c = Cases.Make(activation, true, true, true, 20, 2, 2, 67);
        int p = c.Network.Layout.Count;
        Assert.That(p, Is.LessThan(c.Data.Count));
        var h = DenseHessian.Compute(c.Network, c.Data, LossConvention.HalfMse);
        var dense = Matrix<double>.Build.Dense(p, p, (i, j) => h[i, j]).Evd(Symmetricity.Symmetric).EigenValues.Select(z => z.Real).OrderBy(z => z).ToArray();
        var gram = GaussNewtonGram.GaussNewtonEigenvalues(NetworkEvaluation.Evaluate(c.Network, c.Data, LossConvention.HalfMse));
        Assert.That(gram, Has.Length.EqualTo(p));
        Tolerances.AssertAllClose(gram, dense, 1e-9, 1e-10 * dense[^1]);
        Assert.That(gram, Is.Ordered);
    }
}
