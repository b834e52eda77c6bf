using Flatness.Numerics.Optimization;

namespace Flatness.Numerics.Tests.Optimization;

public class GoldenSectionSearchTests
{
    [Test]
    public void FindsTheMinimumOfAUnimodalFunction()
    {
        var r = GoldenSectionSearch.Minimize(x => (x - 1.3) * (x - 1.3) + 2, -10, 10, 1e-10);
        // Near a quadratic minimum g changes by (Δx)², invisible below √ε·|g| ≈ 2e-8: the argmin is resolved only that far.
        Assert.That(r.Argument, Is.EqualTo(1.3).Within(1e-7));
        Assert.That(r.Value, Is.EqualTo(2.0).Within(1e-15));
        // Bracket shrinks by 0.618 per evaluation: about log(20/1e-10)/log(1.618) ≈ 54 evaluations.
        Assert.That(r.Evaluations, Is.InRange(50, 60));
    }

    [Test]
    public void RejectsAnEmptyInterval() => Assert.That(() => GoldenSectionSearch.Minimize(x => x, 1, 1), Throws.ArgumentException);
}
