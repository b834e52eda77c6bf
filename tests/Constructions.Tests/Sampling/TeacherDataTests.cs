using Flatness.Constructions.Sampling;
using Flatness.Numerics.Randomness;

namespace Flatness.Constructions.Tests.Sampling;

public class TeacherDataTests
{
    [Test]
    public void Linear_TargetsAreWtxPlusNoiseOfTheStatedVariance_InsideTheBall()
    {
        var rng = new Rng(4);
        var w = TeacherData.UnitDirection(3, rng);
        var s = TeacherData.Linear(20000, w, 0.5, rng);
        double se = 0;
        for (int i = 0; i < s.Data.Count; i++)
        {
            var x = s.Data.Input(i);
            Assert.That(x[0] * x[0] + x[1] * x[1] + x[2] * x[2], Is.LessThanOrEqualTo(1.0));
            Assert.That(s.Clean[i], Is.EqualTo(w[0] * x[0] + w[1] * x[1] + w[2] * x[2]).Within(1e-15));
            se += Math.Pow(s.Data.Target(i) - s.Clean[i], 2);
        }
        // Noise variance 0.25 within 5 SE (SE = 0.25·√(2/N)).
        Assert.That(Math.Abs(se / s.Data.Count - 0.25), Is.LessThan(5 * 0.25 * Math.Sqrt(2.0 / 20000)));
        // E wᵀx² = 1/(d + 2) for x ~ Unif(B^d): 0.2 at d = 3, within 5 SE.
        double m2 = s.Clean.Average(v => v * v);
        Assert.That(Math.Abs(m2 - 0.2), Is.LessThan(5 * Math.Sqrt(0.05 / 20000)));
    }

    [Test]
    public void HolderValue_IsOnePlusTheMeanOfSquareRoots()
    {
        // u₁ = e₁, u₂ = e₂, x = (0.25, −0.04): (1/2)(0.5 + 0.2) + 1 = 1.35.
        Assert.That(TeacherData.HolderValue([0.25, -0.04], [1, 0, 0, 1]), Is.EqualTo(1.35).Within(1e-15));
    }
}
