using Flatness.Symbolic.Terms;
using static Flatness.Symbolic.Terms.T;

namespace Flatness.Symbolic.Tests.Terms;

public class TermTests
{
    [Test]
    public void Printing_IsSmtLib2()
    {
        var (x, y) = (Real("x"), Real("y"));
        Assert.Multiple(() =>
        {
            Assert.That((x + 2 * y).Smt, Is.EqualTo("(+ x (* 2.0 y))"));
            Assert.That(Relu(x).Smt, Is.EqualTo("(ite (> x 0.0) x 0.0)"));
            Assert.That(Q(-3, 4).Smt, Is.EqualTo("(- (/ 3.0 4.0))"));
            Assert.That(Q(6, 4).Smt, Is.EqualTo("(/ 3.0 2.0)"));
            Assert.That(Iff(x > 0, y <= 1).Smt, Is.EqualTo("(= (> x 0.0) (<= y 1.0))"));
            Assert.That(Pow(x, 3).Smt, Is.EqualTo("(* (* x x) x)"));
        });
    }

    [TestCase(0.5, "(/ 1.0 2.0)")]
    [TestCase(-3.0, "(- 3.0)")]
    [TestCase(0.1, "(/ 3602879701896397.0 36028797018963968.0)")]
    public void Exact_IsTheDoublesBinaryValue(double value, string expected) => Assert.That(Num.Exact(value).Smt, Is.EqualTo(expected));
}
