using Flatness.Numerics.Networks;
using Flatness.Numerics.Tests.Support;

namespace Flatness.Numerics.Tests.Networks;

public class ActivationTests
{
    private static IEnumerable<string> Names => Cases.ActivationNames;

    [TestCaseSource(nameof(Names))]
    public void PositiveHomogeneity_SigmaOfTz_Is_TToTheK_SigmaOfZ(string name)
    {
        var act = Cases.MakeActivation(name);
        foreach (double z in new[] { -2.5, -0.3, 0.0, 0.7, 3.1 })
            foreach (double t in new[] { 0.1, 0.5, 2.0, 7.0 })
                Tolerances.AssertClose(act.Value(t * z), Math.Pow(t, act.Degree) * act.Value(z), 1e-14, 1e-300, $"{name} σ({t}·{z})");
    }

    [TestCaseSource(nameof(Names))]
    public void Derivatives_MatchCentralDifferences_AwayFromTheKink(string name)
    {
        var act = Cases.MakeActivation(name);
        const double h = 1e-5;
        foreach (double z in new[] { -2.5, -0.3, 0.4, 1.7 })
        {
            Tolerances.AssertClose(act.Derivative(z), (act.Value(z + h) - act.Value(z - h)) / (2 * h), 1e-8, 1e-9, $"{name} σ'({z})");
            Tolerances.AssertClose(act.SecondDerivative(z), (act.Derivative(z + h) - act.Derivative(z - h)) / (2 * h), 1e-7, 1e-8, $"{name} σ''({z})");
        }
    }

    [TestCaseSource(nameof(Names))]
    public void SpanEvaluation_EqualsScalarEvaluation(string name)
    {
        var act = Cases.MakeActivation(name);
        double[] z = [-3, -1, -0.5, 0, 0.25, 1, 2.5];
        var v = new double[z.Length];
        var d1 = new double[z.Length];
        var d2 = new double[z.Length];
        act.Evaluate(z, v, d1, d2);
        for (int i = 0; i < z.Length; i++)
        {
            Assert.That(v[i], Is.EqualTo(act.Value(z[i])));
            Assert.That(d1[i], Is.EqualTo(act.Derivative(z[i])));
            Assert.That(d2[i], Is.EqualTo(act.SecondDerivative(z[i])));
        }
    }

    [Test]
    public void Degrees_AreThoseOfTheSpec()
    {
        Assert.Multiple(() =>
        {
            Assert.That(new Relu().Degree, Is.EqualTo(1));
            Assert.That(new LeakyRelu(0.1).Degree, Is.EqualTo(1));
            Assert.That(new AbsoluteValue().Degree, Is.EqualTo(1));
            Assert.That(new ReluPower(2).Degree, Is.EqualTo(2));
            Assert.That(new ReluPower(3).Degree, Is.EqualTo(3));
        });
    }

    [TestCase("swish")]
    [TestCase("RELU")]
    public void Create_RejectsUnknownNames(string name) =>
        Assert.That(() => Activation.Create(name), Throws.ArgumentException.With.Message.Contains("unknown activation"));

    [TestCase(0.0)]
    [TestCase(-0.1)]
    [TestCase(1.5)]
    [TestCase(double.NaN)]
    public void LeakyRelu_RejectsSlopesOutsideZeroOne(double slope) =>
        Assert.That(() => new LeakyRelu(slope), Throws.ArgumentException);

    [TestCase(1)]
    [TestCase(0)]
    [TestCase(9)]
    public void ReluPower_RejectsDegreesOutsideTwoToEight(int degree) =>
        Assert.That(() => new ReluPower(degree), Throws.ArgumentException);
}
