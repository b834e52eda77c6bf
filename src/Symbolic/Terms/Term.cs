using System.Globalization;
using System.Numerics;
using System.Text;

namespace Flatness.Symbolic.Terms;

/// <summary>A term of real (or integer) arithmetic with Booleans, printed as SMT-LIB 2.</summary>
/// <remarks>
/// Obligations are written in this small language rather than through Z3's term API so that the stored artefact —
/// the SMT-LIB text — is exactly what the solver reads, byte-identical on every run, and re-runnable by any solver
/// (paper A specification §8.2). There is deliberately no division: encodings multiply through under positivity
/// hypotheses, because division by zero is unspecified in SMT-LIB.
/// </remarks>
public abstract record Term
{
    /// <summary>The SMT-LIB 2 text of the term.</summary>
    public abstract string Smt { get; }

    /// <summary>Free variables (name → sort).</summary>
    public abstract void CollectVariables(SortedDictionary<string, string> into);

    /// <inheritdoc/>
    public sealed override string ToString() => Smt;

#pragma warning disable CA2225 // Operators are the point of this DSL; named alternatives would only add noise.
    /// <summary>a + b.</summary>
    public static Term operator +(Term a, Term b) => new App("+", a, b);
    /// <summary>a − b.</summary>
    public static Term operator -(Term a, Term b) => new App("-", a, b);
    /// <summary>−a.</summary>
    public static Term operator -(Term a) => new App("-", a);
    /// <summary>a·b.</summary>
    public static Term operator *(Term a, Term b) => new App("*", a, b);
    /// <summary>a + n.</summary>
    public static Term operator +(Term a, long n) => a + Num.Of(n);
    /// <summary>n + a.</summary>
    public static Term operator +(long n, Term a) => Num.Of(n) + a;
    /// <summary>a − n.</summary>
    public static Term operator -(Term a, long n) => a - Num.Of(n);
    /// <summary>n − a.</summary>
    public static Term operator -(long n, Term a) => Num.Of(n) - a;
    /// <summary>n·a.</summary>
    public static Term operator *(long n, Term a) => Num.Of(n) * a;
    /// <summary>a·n.</summary>
    public static Term operator *(Term a, long n) => a * Num.Of(n);
    /// <summary>a &lt; b.</summary>
    public static Term operator <(Term a, Term b) => new App("<", a, b);
    /// <summary>a &gt; b.</summary>
    public static Term operator >(Term a, Term b) => new App(">", a, b);
    /// <summary>a ≤ b.</summary>
    public static Term operator <=(Term a, Term b) => new App("<=", a, b);
    /// <summary>a ≥ b.</summary>
    public static Term operator >=(Term a, Term b) => new App(">=", a, b);
    /// <summary>a &lt; n.</summary>
    public static Term operator <(Term a, long n) => a < Num.Of(n);
    /// <summary>a &gt; n.</summary>
    public static Term operator >(Term a, long n) => a > Num.Of(n);
    /// <summary>a ≤ n.</summary>
    public static Term operator <=(Term a, long n) => a <= Num.Of(n);
    /// <summary>a ≥ n.</summary>
    public static Term operator >=(Term a, long n) => a >= Num.Of(n);
    /// <summary>a ∧ b.</summary>
    public static Term operator &(Term a, Term b) => new App("and", a, b);
    /// <summary>a ∨ b.</summary>
    public static Term operator |(Term a, Term b) => new App("or", a, b);
    /// <summary>¬a.</summary>
    public static Term operator !(Term a) => new App("not", a);
#pragma warning restore CA2225

    /// <summary>Implicit conversion of an integer constant.</summary>
    public static implicit operator Term(long n) => Num.Of(n);
}

/// <summary>A variable of sort Real or Int.</summary>
public sealed record Var(string Name, string Sort = "Real") : Term
{
    /// <inheritdoc/>
    public override string Smt => Name;
    /// <inheritdoc/>
    public override void CollectVariables(SortedDictionary<string, string> into)
    {
        ArgumentNullException.ThrowIfNull(into);
        into[Name] = Sort;
    }
}

/// <summary>An exact rational constant p/q (q &gt; 0), printed as a decimal-free SMT-LIB real.</summary>
public sealed record Num : Term
{
    private Num(BigInteger numerator, BigInteger denominator)
    {
        var g = BigInteger.GreatestCommonDivisor(numerator, denominator);
        if (g > 1) { numerator /= g; denominator /= g; }
        Numerator = numerator;
        Denominator = denominator;
    }

    /// <summary>p.</summary>
    public BigInteger Numerator { get; }
    /// <summary>q.</summary>
    public BigInteger Denominator { get; }

    /// <summary>The real constant n.</summary>
    public static Num Of(long n) => new(n, 1);
    /// <summary>The real constant p/q.</summary>
    public static Num Ratio(long p, long q)
    {
        if (q == 0) throw new ArgumentException("zero denominator");
        return q < 0 ? new Num(-p, -q) : new Num(p, q);
    }
    /// <summary>The exact value of a finite double as a rational (mantissa·2^exponent).</summary>
    public static Num Exact(double value)
    {
        if (!double.IsFinite(value)) throw new ArgumentException("only finite doubles have an exact rational value");
        long bits = BitConverter.DoubleToInt64Bits(value);
        bool negative = bits < 0;
        int exponent = (int)((bits >> 52) & 0x7FF);
        long mantissa = bits & 0xFFFFFFFFFFFFFL;
        if (exponent == 0) exponent++;
        else mantissa |= 1L << 52;
        exponent -= 1075;
        BigInteger num = mantissa, den = BigInteger.One;
        if (exponent > 0) num <<= exponent;
        else den <<= -exponent;
        return new Num(negative ? -num : num, den);
    }

    /// <inheritdoc/>
    public override string Smt
    {
        get
        {
            string Abs(BigInteger v) => BigInteger.Abs(v).ToString(CultureInfo.InvariantCulture) + ".0";
            string body = Denominator.IsOne ? Abs(Numerator) : $"(/ {Abs(Numerator)} {Abs(Denominator)})";
            return Numerator.Sign < 0 ? $"(- {body})" : body;
        }
    }
    /// <inheritdoc/>
    public override void CollectVariables(SortedDictionary<string, string> into) { }
}

/// <summary>The Boolean constants.</summary>
public sealed record BoolConst(bool Value) : Term
{
    /// <inheritdoc/>
    public override string Smt => Value ? "true" : "false";
    /// <inheritdoc/>
    public override void CollectVariables(SortedDictionary<string, string> into) { }
}

/// <summary>An application of an SMT-LIB operator (+, -, *, &lt;, and, ite, =, to_real, …).</summary>
public sealed record App(string Op, params Term[] Args) : Term
{
    /// <inheritdoc/>
    public override string Smt
    {
        get
        {
            var sb = new StringBuilder("(").Append(Op);
            foreach (var a in Args) sb.Append(' ').Append(a.Smt);
            return sb.Append(')').ToString();
        }
    }
    /// <inheritdoc/>
    public override void CollectVariables(SortedDictionary<string, string> into)
    {
        foreach (var a in Args) a.CollectVariables(into);
    }
}
