using Flatness.Numerics.Curvature;
using Flatness.Numerics.Networks;
using Flatness.Numerics.Tests.Support;

namespace Flatness.Numerics.Tests.Curvature;

/// <summary>Spec F5: f(x) = a·relu(wx), one sample (1, 1), aw = 1, w = c &gt; 0.</summary>
public class DinhFixtureTests
{
    [TestCase(0.1, LossConvention.HalfMse)]
    [TestCase(1.0, LossConvention.HalfMse)]
    [TestCase(10.0, LossConvention.HalfMse)]
    [TestCase(0.1, LossConvention.Mse)]
    [TestCase(10.0, LossConvention.Mse)]
    public void Hessian_Is_a2_aw_aw_w2_TraceIsLambdaMax_LambdaMinIsZero(double c, LossConvention loss)
    {
        double w = c, a = 1 / c, factor = 2.0 / loss.Nu();
        var net = TwoLayerNetwork.FromWeights(new Relu(), [a], [[w]]);
        var data = new Dataset([1.0], [1.0], 1);
        var h = DenseHessian.Compute(net, data, loss);
        // Layout (w, a): H = (2/ν)[[a², aw], [aw, w²]].
        Tolerances.AssertClose(h[0, 0], factor * a * a, 1e-14);
        Tolerances.AssertClose(h[0, 1], factor * a * w, 1e-14);
        Tolerances.AssertClose(h[1, 1], factor * w * w, 1e-14);
        var eig = h.Eigenvalues();
        double trace = HessianTrace.Compute(net, data, loss).Trace;
        Tolerances.AssertClose(trace, factor * (c * c + 1 / (c * c)), 1e-14, 0, "Tr = (2/ν)(c² + c⁻²)");
        Tolerances.AssertClose(eig[1], trace, 1e-12, 0, "λmax = Tr");
        Assert.That(Math.Abs(eig[0]), Is.LessThan(1e-12 * trace), "λmin = 0");
        Assert.That(net.Evaluate([1.0]), Is.EqualTo(1.0).Within(1e-12), "f unchanged on the orbit");
        // Orbit minimum (2/ν)·2 at c = 1.
        Tolerances.AssertClose(OrbitMinimalTrace.Compute(net, data, loss).Value!.Value, factor * 2, 1e-12);
    }
}
