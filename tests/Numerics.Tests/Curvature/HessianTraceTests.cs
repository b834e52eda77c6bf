using Flatness.Numerics.Curvature;
using Flatness.Numerics.Networks;
using Flatness.Numerics.Tests.Support;

namespace Flatness.Numerics.Tests.Curvature;

public class HessianTraceTests
{
    private static IEnumerable<TestNet> AllCases() => Cases.All();

    [TestCaseSource(nameof(AllCases))]
    public void ClosedFormTrace_EqualsDenseHessianTrace(TestNet c)
    {
        foreach (var loss in new[] { LossConvention.Mse, LossConvention.HalfMse })
        {
            var trace = HessianTrace.Compute(c.Network, c.Data, loss);
            var dense = DenseHessian.Compute(c.Network, c.Data, loss);
            Tolerances.AssertClose(trace.Trace, dense.Trace(), 1e-12, 1e-14, $"{loss} trace");
        }
    }

    [TestCaseSource(nameof(AllCases))]
    public void ClosedFormTrace_EqualsCentralSecondDifferencesOfTheLoss(TestNet c)
    {
        // Reference: Σₚ (L(θ+heₚ) − 2L(θ) + L(θ−heₚ))/h² with the loss in plain loops; spec criterion 1e-5.
        var trace = HessianTrace.Compute(c.Network, c.Data, LossConvention.Mse);
        double fd = FiniteDifferences.Trace(c.Network, c.Data, LossConvention.Mse);
        Tolerances.AssertClose(trace.Trace, fd, 1e-5, 1e-7, "trace vs finite differences");
    }

    [TestCaseSource(nameof(AllCases))]
    public void FusedTrace_EqualsTraceFromCachedEvaluation(TestNet c)
    {
        var fused = HessianTrace.Compute(c.Network, c.Data, LossConvention.HalfMse);
        var cached = HessianTrace.Compute(NetworkEvaluation.Evaluate(c.Network, c.Data, LossConvention.HalfMse));
        Tolerances.AssertClose(fused.Trace, cached.Trace, 1e-14, 1e-15);
        Tolerances.AssertClose(fused.GaussNewtonTrace, cached.GaussNewtonTrace, 1e-14, 1e-15);
    }

    [TestCaseSource(nameof(AllCases))]
    public void GaussNewtonTrace_EqualsTraceOfDenseGaussNewtonMatrix_AndOfScaledGram(TestNet c)
    {
        var trace = HessianTrace.Compute(c.Network, c.Data, LossConvention.Mse);
        var gn = DenseHessian.Compute(c.Network, c.Data, LossConvention.Mse, gaussNewtonOnly: true);
        var e = NetworkEvaluation.Evaluate(c.Network, c.Data, LossConvention.Mse);
        Tolerances.AssertClose(trace.GaussNewtonTrace, gn.Trace(), 1e-12, 1e-14, "GN trace vs dense GN");
        Tolerances.AssertClose(trace.GaussNewtonTrace, GaussNewtonGram.Trace(GaussNewtonGram.ScaledGram(e), e.Samples), 1e-12, 1e-14, "GN trace vs tr(2K/νn)");
    }

    [TestCase("relu")]
    [TestCase("leaky_relu")]
    [TestCase("abs")]
    public void PiecewiseLinear_OffInterpolation_TraceEqualsGaussNewtonTrace(string act)
    {
        var c = Cases.Make(act, true, true, interpolate: false, 7, 3, 5, 42);
        var trace = HessianTrace.Compute(c.Network, c.Data);
        Assert.That(trace.ResidualTrace, Is.EqualTo(0.0));
        Tolerances.AssertClose(trace.Trace, FiniteDifferences.Trace(c.Network, c.Data, LossConvention.Mse), 1e-5, 1e-7);
    }

    [TestCase("relu2")]
    [TestCase("relu3")]
    public void ReluPower_OffInterpolation_NeedsTheResidualTerm(string act)
    {
        var c = Cases.Make(act, true, false, interpolate: false, 7, 3, 5, 43);
        var trace = HessianTrace.Compute(c.Network, c.Data);
        double fd = FiniteDifferences.Trace(c.Network, c.Data, LossConvention.Mse);
        Tolerances.AssertClose(trace.Trace, fd, 1e-5, 1e-7, "GN + residual");
        Assert.That(Tolerances.RelativeError(trace.GaussNewtonTrace, fd), Is.GreaterThan(1e-3), "GN alone must be rejected");
    }

    [TestCaseSource(typeof(Cases), nameof(Cases.SmoothActivationNames))]
    public void Smooth_OffInterpolation_NeedsTheResidualTerm_AndAtAnInterpolatorItVanishes(string act)
    {
        // σ'' ≠ 0 except at isolated points: off interpolation Rⱼ = aⱼΣᵢrᵢσ''(zᵢⱼ)‖x̃ᵢ‖² ≠ 0 for every neuron and the
        // Gauss–Newton trace alone misses the finite-difference trace; at an interpolator rᵢ = 0 and R vanishes exactly.
        var c = Cases.Make(act, true, true, interpolate: false, 7, 3, 5, 45);
        var trace = HessianTrace.Compute(c.Network, c.Data);
        double fd = FiniteDifferences.Trace(c.Network, c.Data, LossConvention.Mse);
        Tolerances.AssertClose(trace.Trace, fd, 1e-5, 1e-7, "GN + residual");
        Assert.That(Tolerances.RelativeError(trace.GaussNewtonTrace, fd), Is.GreaterThan(1e-3), "GN alone must be rejected");
        Assert.That(trace.R, Has.All.Not.EqualTo(0.0), "every neuron has a residual part");
        var interpolated = Cases.Make(act, true, true, interpolate: true, 7, 3, 5, 45);
        Assert.That(HessianTrace.Compute(interpolated.Network, interpolated.Data).ResidualTrace, Is.EqualTo(0.0));
    }

    [TestCase(LossConvention.Mse, 2.0)]
    [TestCase(LossConvention.HalfMse, 1.0)]
    public void OutputBias_ContributesExactlyTwoOverNu(LossConvention loss, double expected)
    {
        // Same hidden layer with and without β, ReLU (trace independent of residuals).
        var c = Cases.Make("relu", true, true, false, 9, 3, 4, 44);
        var layout = c.Network.Layout;
        var withoutBeta = c.Network.Parameters[..layout.OutputBiasIndex].ToArray();
        var plain = new TwoLayerNetwork(c.Network.Activation, new ParameterLayout(layout.Width, layout.InputDimension, true, false), withoutBeta);
        double diff = HessianTrace.Compute(c.Network, c.Data, loss).Trace - HessianTrace.Compute(plain, c.Data, loss).Trace;
        Tolerances.AssertClose(diff, expected, 1e-12);
    }

    [TestCaseSource(nameof(AllCases))]
    public void HalfMseTrace_IsHalfTheMseTrace(TestNet c) =>
        Tolerances.AssertClose(HessianTrace.Compute(c.Network, c.Data, LossConvention.HalfMse).Trace,
            HessianTrace.Compute(c.Network, c.Data, LossConvention.Mse).Trace / 2, 1e-14, 1e-15);
}
