using Flatness.Numerics.Statistics;
using Flatness.Numerics.Tests.Support;

namespace Flatness.Numerics.Tests.Statistics;

public class BinomialTailTests
{
    [Test]
    public void Upper_MatchesTheSumOfTheMassFunction()
    {
        // P(Bin(10, 0.3) ≥ 4) = Σ_{k=4}^{10} C(10,k) 0.3^k 0.7^{10−k}, written out.
        double sum = 0;
        for (int k = 4; k <= 10; k++) sum += MathNet.Numerics.SpecialFunctions.Binomial(10, k) * Math.Pow(0.3, k) * Math.Pow(0.7, 10 - k);
        Tolerances.AssertClose(BinomialTail.Upper(10, 0.3, 4), sum, 1e-12);
        Assert.That(BinomialTail.Upper(10, 0.3, 0), Is.EqualTo(1.0));
        Assert.That(BinomialTail.Upper(10, 0.3, 11), Is.EqualTo(0.0));
    }

    [Test]
    public void ClopperPearsonLower_IsDualToTheTail()
    {
        // The lower bound L at level 1 − α from k of T solves P(Bin(T, L) ≥ k) = α.
        double lower = BinomialTail.ClopperPearsonLower(7, 200, 1e-3);
        Tolerances.AssertClose(BinomialTail.Upper(200, lower, 7), 1e-3, 1e-8);
        // k = T: L = α^{1/T}.
        Tolerances.AssertClose(BinomialTail.ClopperPearsonLower(50, 50, 0.01), Math.Pow(0.01, 1.0 / 50), 1e-10);
        Assert.That(BinomialTail.ClopperPearsonLower(0, 50, 0.01), Is.EqualTo(0.0));
    }

    [Test]
    public void Upper_AtTheEndsOfP()
    {
        // P(Bin(n, p) ≥ 0) = 1 for every p, p = 0 included (where I_p(0, n + 1) is undefined).
        Assert.That(BinomialTail.Upper(10, 0.0, 0), Is.EqualTo(1.0));
        Assert.That(BinomialTail.Upper(10, 0.0, 1), Is.EqualTo(0.0));
        Assert.That(BinomialTail.Upper(10, 1.0, 10), Is.EqualTo(1.0));
        // P(Bin(10, ½) ≥ 10) = 2⁻¹⁰.
        Tolerances.AssertClose(BinomialTail.Upper(10, 0.5, 10), Math.Pow(2, -10), 1e-14);
    }
}
