using Flatness.Numerics.Curvature;
using Flatness.Numerics.Tests.Support;

namespace Flatness.Numerics.Tests.Curvature;

public class AdaptiveSharpnessTests
{
    [Test]
    public void AbsoluteScaling_IsInvariant_ShiftedAndBiasExcluded_AreNot()
    {
        var c = Cases.Make("relu", true, false, true, 6, 2, 3, 9);
        double[] factors = [0.5, 2.0, 1.7];
        var scaled = PerNeuronRescaling.Apply(c.Network, factors);
        var h0 = DenseHessian.Compute(c.Network, c.Data);
        var h1 = DenseHessian.Compute(scaled, c.Data);
        int block = c.Network.Layout.NeuronBlock;
        bool IsBias(int p) => p % block == 2;
        double Diff(AdaptiveScaling s)
        {
            var a0 = AdaptiveSharpness.ScaledHessian(h0, AdaptiveSharpness.Scaling(c.Network.Parameters, s, IsBias));
            var a1 = AdaptiveSharpness.ScaledHessian(h1, AdaptiveSharpness.Scaling(scaled.Parameters, s, IsBias));
            double worst = 0;
            for (int i = 0; i < a0.Dimension; i++)
                for (int j = 0; j < a0.Dimension; j++) worst = Math.Max(worst, Math.Abs(a0[i, j] - a1[i, j]));
            return worst;
        }
        Assert.That(Diff(AdaptiveScaling.Absolute), Is.LessThan(1e-10));
        Assert.That(Diff(AdaptiveScaling.ShiftedAbsolute), Is.GreaterThan(1e-3));
        Assert.That(Diff(AdaptiveScaling.BiasesExcluded), Is.GreaterThan(1e-3));
    }

    [Test]
    public void ScaledHessian_IsDiagTHDiagT()
    {
        var h = new Flatness.Numerics.LinearAlgebra.DenseSymmetricOperator([2.0, 1.0, 1.0, 3.0], 2);
        var s = AdaptiveSharpness.ScaledHessian(h, [2.0, -1.0]);
        Assert.That(s.Matrix.ToArray(), Is.EqualTo(new[] { 8.0, -2.0, -2.0, 3.0 }));
    }
}
