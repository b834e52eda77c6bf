using Flatness.Constructions.Interpolators;
using Flatness.Constructions.Sampling;
using Flatness.Numerics.Networks;
using Flatness.Numerics.Randomness;

namespace Flatness.Constructions.Tests.Interpolators;

public class MinimumNormInterpolatorTests
{
    [Test]
    public void Fit_Interpolates_WithTheSmallestOutputWeights()
    {
        var rng = new Rng(5);
        var net = RandomNetworks.Gaussian(new Relu(), new ParameterLayout(12, 3, false, false), rng);
        var data = RandomNetworks.GaussianData(net, 6, rng, interpolate: false, kinkMargin: 0);
        var (fit, residual) = MinimumNormInterpolator.Fit(net, data);
        Assert.That(residual, Is.LessThan(1e-10));
        var f = fit.Predict(data);
        for (int i = 0; i < 6; i++) Assert.That(f[i], Is.EqualTo(data.Target(i)).Within(1e-10));
        // Any other interpolating a differs by a null-space vector of Φ and is longer: perturb along the null space.
        double norm = Enumerable.Range(0, 12).Sum(j => fit.OutputWeight(j) * fit.OutputWeight(j));
        var a2 = Enumerable.Range(0, 12).Select(j => fit.OutputWeight(j)).ToArray();
        var theta = fit.Parameters.ToArray();
        // Adding a vector v with Φv = 0 keeps interpolation; the minimum-norm a is orthogonal to it, so ‖a + v‖ > ‖a‖.
        var phi = new double[6, 12];
        for (int i = 0; i < 6; i++)
            for (int j = 0; j < 12; j++)
            {
                var w = fit.HiddenWeight(j);
                double z = 0;
                for (int k = 0; k < 3; k++) z += w[k] * data.Input(i)[k];
                phi[i, j] = Math.Max(z, 0);
            }
        var m = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseOfArray(phi);
        var kernel = m.Kernel();
        Assert.That(kernel, Is.Not.Empty);
        foreach (var v in kernel)
        {
            double dot = Enumerable.Range(0, 12).Sum(j => a2[j] * v[j]);
            Assert.That(Math.Abs(dot), Is.LessThan(1e-9), "a is orthogonal to the null space of Phi");
        }
        Assert.That(norm, Is.GreaterThan(0));
        Assert.That(theta.Length, Is.EqualTo(12 * 4));
    }

    [Test]
    public void Fit_NeedsAtLeastAsManyNeuronsAsSamples()
    {
        var rng = new Rng(6);
        var net = RandomNetworks.Gaussian(new Relu(), new ParameterLayout(3, 2, false, false), rng);
        var data = RandomNetworks.GaussianData(net, 5, rng, false);
        Assert.That(() => MinimumNormInterpolator.Fit(net, data), Throws.ArgumentException);
    }

    [Test]
    public void Fit_SingularFeatures_ReportsAnInfiniteResidual()
    {
        // All neurons dead on every sample: Φ = 0.
        var net = TwoLayerNetwork.FromWeights(new Relu(), [1.0, 1.0], [[-1.0], [-2.0]]);
        var data = new Dataset([1.0, 2.0], [1.0, 2.0], 1);
        Assert.That(MinimumNormInterpolator.Fit(net, data).MaxResidual, Is.EqualTo(double.PositiveInfinity));
    }
}
