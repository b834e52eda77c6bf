using Flatness.Numerics.Curvature;
using Flatness.Numerics.LinearAlgebra;
using Flatness.Numerics.Networks;
using Flatness.Numerics.Randomness;
using Flatness.Numerics.Spectral;
using Flatness.Numerics.Tests.Support;

namespace Flatness.Numerics.Tests.Spectral;

public class LanczosLargestTests
{
    [Test]
    public void TopPair_MatchesTheDenseHessian_AndTheVectorIsAnEigenvector()
    {
        var c = Cases.Make("relu", true, true, false, 50, 3, 8, 2);
        var op = HessianOperator.Create(c.Network, c.Data, LossConvention.HalfMse);
        var start = new double[op.Dimension];
        new Rng(5).FillGaussian(start);
        var pair = Lanczos.Largest(op, start, 200, 1e-12);
        var dense = DenseHessian.Compute(c.Network, c.Data, LossConvention.HalfMse).Eigenvalues();
        Tolerances.AssertClose(pair.Value, dense[^1], 1e-10);
        var hv = new double[op.Dimension];
        op.Multiply(pair.Vector, hv);
        for (int k = 0; k < hv.Length; k++) hv[k] -= pair.Value * pair.Vector[k];
        Assert.That(Math.Sqrt(hv.Sum(x => x * x)), Is.LessThan(1e-8 * Math.Abs(pair.Value)));
    }

    [Test]
    public void WarmStart_FromTheTopVector_ConvergesInFewSteps()
    {
        var c = Cases.Make("relu", true, true, false, 50, 3, 8, 2);
        var op = HessianOperator.Create(c.Network, c.Data, LossConvention.HalfMse);
        var start = new double[op.Dimension];
        new Rng(5).FillGaussian(start);
        var cold = Lanczos.Largest(op, start, 200, 1e-8);
        var warm = Lanczos.Largest(op, cold.Vector, 200, 1e-8);
        Assert.That(warm.Iterations, Is.LessThanOrEqualTo(2));
        Tolerances.AssertClose(warm.Value, cold.Value, 1e-8);
    }
}
