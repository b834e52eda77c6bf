using Flatness.Numerics.Measurement;

namespace Flatness.Numerics.Tests.Measurement;

public class FlatnessQuantitiesTests
{
    [TestCase("trace", FlatnessQuantities.Trace)]
    [TestCase("trace,lambda-max", FlatnessQuantities.Trace | FlatnessQuantities.LambdaMax)]
    [TestCase(" Lambda-Min , kink ", FlatnessQuantities.LambdaMin | FlatnessQuantities.Kink)]
    [TestCase("orbit,orbit", FlatnessQuantities.OrbitMinimalTrace)]
    [TestCase("all", FlatnessQuantities.All)]
    public void Parse_CombinesNames(string text, FlatnessQuantities expected)
    {
        Assert.That(FlatnessQuantityNames.TryParse(text, out var q, out string error), Is.True, error);
        Assert.That(q, Is.EqualTo(expected));
    }

    [TestCase("", "no quantity")]
    [TestCase(",", "no quantity")]
    [TestCase("trace,lambda", "unknown quantity 'lambda'")]
    public void Parse_RejectsAndListsTheValidNames(string text, string reason)
    {
        Assert.That(FlatnessQuantityNames.TryParse(text, out _, out string error), Is.False);
        Assert.That(error, Does.Contain(reason).And.Contain("trace, lambda-max, lambda-min, orbit, kink, all"));
    }
}
