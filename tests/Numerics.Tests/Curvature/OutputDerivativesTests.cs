using Flatness.Numerics.Curvature;
using Flatness.Numerics.Networks;
using Flatness.Numerics.Tests.Support;

namespace Flatness.Numerics.Tests.Curvature;

public class OutputDerivativesTests
{
    private static IEnumerable<TestNet> AllCases() => Cases.All(n: 3, d: 3, m: 4);

    [TestCaseSource(nameof(AllCases))]
    public void GradientAndHessian_MatchCentralDifferences(TestNet c)
    {
        var x = c.Data.Input(0);
        var theta = c.Network.Parameters.ToArray();
        var g = OutputDerivatives.Gradient(c.Network, x);
        var h = OutputDerivatives.Hessian(c.Network, x);
        const double step = 1e-6;
        for (int p = 0; p < theta.Length; p++)
        {
            double t = theta[p];
            theta[p] = t + step;
            var netP = c.Network.WithParameters(theta);
            double fp = netP.Evaluate(x);
            var gp = OutputDerivatives.Gradient(netP, x);
            theta[p] = t - step;
            var netM = c.Network.WithParameters(theta);
            double fm = netM.Evaluate(x);
            var gm = OutputDerivatives.Gradient(netM, x);
            theta[p] = t;
            Tolerances.AssertClose(g[p], (fp - fm) / (2 * step), 1e-7, 1e-8, $"df/dθ{p}");
            for (int q = 0; q < theta.Length; q++)
                Tolerances.AssertClose(h[q, p], (gp[q] - gm[q]) / (2 * step), 1e-6, 1e-7, $"H[{q},{p}]");
        }
    }

    [TestCase(0.5)]
    [TestCase(2.0)]
    public void ActiveReluNeuronWithBias_HasEigenvaluesPlusMinusRootOnePlusNormSquared(double radius)
    {
        // Paper B §5: an active block has eigenvalues ±√(‖x‖² + 1) and zeros.
        var net = TwoLayerNetwork.FromWeights(new Relu(), [3.0], [[1.0, 1.0]], [1.0]);
        double[] x = [radius / Math.Sqrt(2), radius / Math.Sqrt(2)];
        var eig = OutputDerivatives.Hessian(net, x).Eigenvalues();
        Tolerances.AssertClose(eig[^1], Math.Sqrt(1 + radius * radius), 1e-14);
        Tolerances.AssertClose(eig[0], -Math.Sqrt(1 + radius * radius), 1e-14);
        Assert.That(eig[1..^1], Is.All.EqualTo(0).Within(1e-14));
    }
}
