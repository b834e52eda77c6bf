using Flatness.Numerics.Curvature;
using Flatness.Numerics.Networks;
using Flatness.Numerics.Tests.Support;
using Flatness.Numerics.Training;

namespace Flatness.Numerics.Tests.Training;

public class FullBatchGradientTests
{
    private static IEnumerable<TestNet> AllCases() => Cases.All();

    [TestCaseSource(nameof(AllCases))]
    public void Gradient_EqualsCentralDifferencesOfTheLoss(TestNet c)
    {
        // Reference: central differences of the loss (FiniteDifferences, a separate plain-loop evaluation).
        var engine = new FullBatchGradient(c.Network.Activation, c.Network.Layout, c.Data, LossConvention.HalfMse);
        var g = new double[engine.Dimension];
        double loss = engine.Compute(c.Network.Parameters, g);
        var fd = FiniteDifferences.Gradient(c.Network, c.Data, LossConvention.HalfMse, 1e-6);
        Tolerances.AssertAllClose(g, fd, 1e-7, 1e-9, "∇L");
        Tolerances.AssertClose(loss, FiniteDifferences.Loss(c.Network, c.Data, LossConvention.HalfMse), 1e-12, 1e-20);
    }

    [Test]
    public void Gradient_MatchesTheCurvatureCoresGradient_ForBothConventions()
    {
        var c = Cases.Make("relu", true, true, false, 100, 4, 19, 8);
        foreach (var loss in new[] { LossConvention.Mse, LossConvention.HalfMse })
        {
            var engine = new FullBatchGradient(c.Network.Activation, c.Network.Layout, c.Data, loss);
            var g = new double[engine.Dimension];
            engine.Compute(c.Network.Parameters, g);
            Tolerances.AssertAllClose(g, LossGradient.Compute(c.Network, c.Data, loss), 1e-12, 1e-14, "∇L vs LossGradient");
        }
    }
}
