using Flatness.Numerics.Curvature;
using Flatness.Numerics.Networks;
using Flatness.Numerics.Tests.Support;

namespace Flatness.Numerics.Tests.Curvature;

public class LossGradientTests
{
    private static IEnumerable<TestNet> AllCases() => Cases.All();

    [TestCaseSource(nameof(AllCases))]
    public void Gradient_EqualsCentralDifferencesOfTheLoss(TestNet c)
    {
        var g = LossGradient.Compute(c.Network, c.Data, LossConvention.HalfMse);
        var fd = FiniteDifferences.Gradient(c.Network, c.Data, LossConvention.HalfMse, 1e-6);
        Tolerances.AssertAllClose(g, fd, 1e-7, 1e-9, "∇L");
    }

    [Test]
    public void Gradient_VanishesAtAnInterpolator()
    {
        var c = Cases.Make("abs", true, true, interpolate: true, 12, 3, 5, 3);
        Assert.That(LossGradient.Compute(c.Network, c.Data).Max(Math.Abs), Is.LessThan(1e-14));
    }

    [Test]
    public void LossValue_UsesTheDeclaredNormalisation()
    {
        var c = Cases.Make("relu", false, false, false, 10, 2, 3, 4);
        var e1 = NetworkEvaluation.Evaluate(c.Network, c.Data, LossConvention.Mse);
        var e2 = NetworkEvaluation.Evaluate(c.Network, c.Data, LossConvention.HalfMse);
        double sum = e1.Residual.ToArray().Sum(r => r * r);
        Tolerances.AssertClose(e1.LossValue, sum / 10, 1e-14);
        Tolerances.AssertClose(e2.LossValue, sum / 20, 1e-14);
        Tolerances.AssertClose(e1.LossValue, FiniteDifferences.Loss(c.Network, c.Data, LossConvention.Mse), 1e-13);
    }
}
