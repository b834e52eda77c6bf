namespace Flatness.Symbolic.Terms;

/// <summary>Constructors for the obligation language: variables, constants, ReLU, |z|, indicators, powers.</summary>
public static class T
{
    /// <summary>A real variable.</summary>
    public static Var Real(string name) => new(name);

    /// <summary>Several real variables.</summary>
    public static Var[] Reals(params string[] names)
    {
        ArgumentNullException.ThrowIfNull(names);
        return names.Select(n => new Var(n)).ToArray();
    }

    /// <summary>An integer variable.</summary>
    public static Var IntVariable(string name) => new(name, "Int");

    /// <summary>An integer-sorted variable seen as a real (to_real).</summary>
    public static Term ToReal(Term t) => new App("to_real", t);

    /// <summary>The real constant p/q.</summary>
    public static Num Q(long p, long q = 1) => Num.Ratio(p, q);

    /// <summary>a = b.</summary>
    public static Term Eq(Term a, Term b) => new App("=", a, b);

    /// <summary>a ≠ b.</summary>
    public static Term Ne(Term a, Term b) => !Eq(a, b);

    /// <summary>a ⇒ b.</summary>
    public static Term Implies(Term a, Term b) => new App("=>", a, b);

    /// <summary>a ⇔ b.</summary>
    public static Term Iff(Term a, Term b) => new App("=", a, b);

    /// <summary>Conjunction (true when empty).</summary>
    public static Term And(params Term[] terms) =>
        terms.Length == 0 ? new BoolConst(true) : terms.Length == 1 ? terms[0] : new App("and", terms);

    /// <summary>Conjunction of a sequence.</summary>
    public static Term All(IEnumerable<Term> terms) => And(terms.ToArray());

    /// <summary>if c then a else b.</summary>
    public static Term Ite(Term c, Term a, Term b) => new App("ite", c, a, b);

    /// <summary>max(z, 0).</summary>
    public static Term Relu(Term z) => Ite(z > 0, z, 0);

    /// <summary>𝟙{z &gt; 0}.</summary>
    public static Term Step(Term z) => Ite(z > 0, 1, 0);

    /// <summary>|z|.</summary>
    public static Term Abs(Term z) => Ite(z >= 0, z, -z);

    /// <summary>Leaky ReLU: z for z &gt; 0, αz otherwise.</summary>
    public static Term Leaky(Term z, Term alpha) => Ite(z > 0, z, alpha * z);

    /// <summary>xᵏ for k ≥ 0 by repeated multiplication (1 for k = 0).</summary>
    public static Term Pow(Term x, int k)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        if (k == 0) return Num.Of(1);
        Term r = x;
        for (int i = 1; i < k; i++) r = r * x;
        return r;
    }

    /// <summary>Σ terms (0 when empty).</summary>
    public static Term Sum(IEnumerable<Term> terms)
    {
        var list = terms.ToList();
        return list.Count switch { 0 => Num.Of(0), 1 => list[0], _ => new App("+", list.ToArray()) };
    }

    /// <summary>a/b &lt; c/d written without division as a·d &lt; c·b (requires b, d &gt; 0 among the hypotheses).</summary>
    public static Term FracLess(Term a, Term b, Term c, Term d) => a * d < c * b;

    /// <summary>a/b ≤ c/d as a·d ≤ c·b (requires b, d &gt; 0).</summary>
    public static Term FracLessEq(Term a, Term b, Term c, Term d) => a * d <= c * b;
}
