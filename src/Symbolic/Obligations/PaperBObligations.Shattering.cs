using Flatness.Symbolic.Proving;
using Flatness.Symbolic.Terms;
using static Flatness.Symbolic.Terms.T;

namespace Flatness.Symbolic.Obligations;

/// <summary>Paper B obligations added by the suite (B-34 … B-40): the identities behind the V_g seminorm of a finite
/// network and the neural-shattering constructions.</summary>
internal static partial class PaperBObligations
{
    public static Obligation B34()
    {
        var (z, a, c) = (Real("z"), Real("a"), Real("c"));
        return new Obligation("B-34", "Antipodal merge: phi(-z) = phi(z) - z, so a phi(-z) + c phi(z) = (a + c) phi(z) - a z",
            @"$\phi(-z)=\phi(z)-z$ for $\phi(z)=\max(z,0)$; hence $a\phi(-z)+c\phi(z)=(a+c)\phi(z)-az$: " +
            @"neurons at $(-u,-t)$ and $(u,t)$ merge by adding coefficients, up to an affine term.",
            "[derived]", ["B-14"],
            [new Goal("phi(-z) = phi(z) - z", [], Eq(Relu(-z), Relu(z) - z)),
             new Goal("merge", [], Eq(a * Relu(-z) + c * Relu(z), (a + c) * Relu(z) - a * z))],
            "phi(-z) = phi(z) + z",
            [new Goal("wrong sign of the affine part", [], Eq(Relu(-z), Relu(z) + z))]);
    }

    public static Obligation B35()
    {
        var (e, p) = (Real("epsilon"), Real("p"));
        Term[] hyp = [e > 0, e <= Q(1, 2), Eq(p * e * e, 1)];
        var goals = new List<Goal>();
        foreach (int d in new[] { 2, 3, 5 })
            goals.Add(new Goal($"d = {d}: (1 - (1 - eps^2))^(d+2) * eps^-2 = eps^(2d+2)", hyp, Eq(Pow(1 - (1 - e * e), d + 2) * p, Pow(e, 2 * d + 2))));
        return new Obligation("B-35", "Boundary atom's V_g weight: g(u, 1 - eps^2) eps^-2 = eps^(2d+2) with g = (1 - |t|)^(d+2)",
            @"$0<\varepsilon\le\frac12$, $p\varepsilon^2=1$ (the path weight $\varepsilon^{-2}$), $d\in\{2,3,5\}$: " +
            @"$(1-(1-\varepsilon^2))^{d+2}\,p=\varepsilon^{2d+2}$ (H.2 with the canonical weight).",
            "[paper] + [derived]", ["B-10"],
            goals,
            "weight eps^(d+2) claimed to give eps^(2d+2)",
            [new Goal("d = 2 with (1 - |t|)^((d+2)/2)", hyp, Eq(Pow(1 - (1 - e * e), 2) * p, Pow(e, 6)))]);
    }

    public static Obligation B36()
    {
        var (e, l, p1, p2, p3) = (Real("epsilon"), Real("L"), Real("p1"), Real("p2"), Real("p3"));
        Term h = 1 - e * e;
        Term[] outside = [e > 0, e <= Q(1, 2), p1 <= h, p2 <= h, p3 <= h];
        return new Obligation("B-36", "f2 vanishes on the data: every sample outside every cap => L sum_j Phi_j(x_i) = 0",
            @"$0<\varepsilon\le\frac12$, $u_j^\top x_i=p_j\le1-\varepsilon^2$ for three caps $\Rightarrow$ $L\sum_j\phi(p_j-(1-\varepsilon^2))=0$ (the " +
            @"atoms' factor $\varepsilon^{-2}$ multiplies zero); Corollary I.3.",
            "[paper]", ["B-05", "B-13"],
            [new Goal("f2(x_i) = 0", outside, Eq(l * (Relu(p1 - h) + Relu(p2 - h) + Relu(p3 - h)), 0))],
            "one sample inside a cap (p1 <= 1 only)",
            [new Goal("a non-empty cap", [e > 0, e <= Q(1, 2), p1 <= 1, p2 <= h, p3 <= h, l > 0], Eq(l * (Relu(p1 - h) + Relu(p2 - h) + Relu(p3 - h)), 0))]);
    }

    public static Obligation B37()
    {
        var (e, p, s) = (Real("epsilon"), Real("p"), Real("s"));
        Term[] hyp = [e > 0, e <= Q(1, 2), Eq(p * e * e, 1)];
        return new Obligation("B-37", "Boundary atom's range: 0 <= eps^-2 phi(u'x - (1 - eps^2)) <= 1 on the ball, = 1 at x = u",
            @"$0<\varepsilon\le\frac12$, $p\varepsilon^2=1$, $s=u^\top x\le1$ $\Rightarrow$ $0\le p\,\phi(s-(1-\varepsilon^2))\le1$, " +
            @"with equality $1$ at $s=1$ ($x=u$): $\|\Phi_{u,\varepsilon^2}\|_\infty=1$.",
            "[paper]", ["B-10", "B-11"],
            [new Goal("bounded by 1", [.. hyp, s <= 1], And(p * Relu(s - (1 - e * e)) >= 0, p * Relu(s - (1 - e * e)) <= 1)),
             new Goal("peak 1 at x = u", hyp, Eq(p * Relu(1 - (1 - e * e)), 1))],
            "peak without the eps^-2 factor",
            [new Goal("peak eps^2 claimed to be 1", hyp, Eq(Relu(1 - (1 - e * e)), 1))]);
    }

    public static Obligation B38()
    {
        var (a, c, g) = (Real("a"), Real("c"), Real("g"));
        return new Obligation("B-38", "Raw path norm >= reduced: |a + c| g <= |a| g + |c| g for g >= 0",
            @"$g\ge0$ $\Rightarrow$ $|a+c|\,g\le|a|\,g+|c|\,g$: merging neurons on the same or the antipodal hyperplane never raises the weighted sum.",
            "[derived]", ["B-14", "B-03"],
            [new Goal("triangle inequality, weighted", [g >= 0], Abs(a + c) * g <= Abs(a) * g + Abs(c) * g)],
            "g of either sign",
            [new Goal("g unrestricted", [], Abs(a + c) * g <= Abs(a) * g + Abs(c) * g)]);
    }

    public static Obligation B39()
    {
        var (w, b, s, x, a) = (Real("w"), Real("b"), Real("s"), Real("x"), Real("a"));
        var (u, t) = (Real("u"), Real("t"));
        Term[] hyp = [s > 0, Eq(s * u, w), Eq(s * t, -b)];
        return new Obligation("B-39", "Normal form with this library's bias: a phi(w x + b) = (a s) phi(u x - t), u = w/s, t = -b/s",
            @"$s=\|w\|>0$, $su=w$, $st=-b$ $\Rightarrow$ $a\,\phi(wx+b)=(as)\,\phi(ux-t)$ (positive homogeneity; paper B writes $v\phi(w^\top x-b)$, " +
            @"this library $a\sigma(w^\top x+b)$, so $t=-b/\|w\|$); shown coordinatewise for $d=1$.",
            "[derived]", ["B-14", "B-03"],
            [new Goal("homogeneity and threshold sign", hyp, Eq(a * Relu(w * x + b), a * s * Relu(u * x - t)))],
            "t = b/s (paper-B sign taken over literally)",
            [new Goal("wrong threshold sign", [s > 0, Eq(s * u, w), Eq(s * t, b)], Eq(a * Relu(w * x + b), a * s * Relu(u * x - t)))]);
    }

    public static Obligation B40()
    {
        var (xi, xj) = (Real("xi"), Real("xi_prime"));
        Term[] hyp = [Eq(xi * xi, 1), Eq(xj * xj, 1)];
        Term diff = (xi - xj) * (xi - xj);
        return new Obligation("B-40", "Packing distances: (xi - xi')^2 is 4 when the signs differ, 0 otherwise",
            @"$\xi^2=\xi'^2=1$ $\Rightarrow$ $(\xi-\xi')^2=2-2\xi\xi'\in\{0,4\}$, " +
            @"so with disjoint supports $\|f_\xi-f_{\xi'}\|^2=4d_H(\xi,\xi')\|\Phi\|^2$ (H.3–H.4).",
            "[paper] + [derived]", ["B-11"],
            [new Goal("(xi - xi')^2 = 2 - 2 xi xi'", hyp, Eq(diff, 2 - 2 * xi * xj)),
             new Goal("(xi - xi')^2 in {0, 4}", hyp, Eq(diff * (diff - 4), 0))],
            "(xi - xi')^2 in {0, 2}",
            [new Goal("factor 2 instead of 4", hyp, Eq(diff * (diff - 2), 0))]);
    }
}
