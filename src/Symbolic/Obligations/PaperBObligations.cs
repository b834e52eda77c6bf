using Flatness.Symbolic.Proving;
using Flatness.Symbolic.Terms;
using static Flatness.Symbolic.Terms.T;

namespace Flatness.Symbolic.Obligations;

/// <summary>The symbolic obligations of paper B's specification, §10.2 (B-22 … B-33).</summary>
internal static partial class PaperBObligations
{
    public static Obligation B22()
    {
        var (g, d, x1, x2, a1, a2) = (Real("gamma"), Real("delta"), Real("x1"), Real("x2"), Real("alpha1"), Real("alpha2"));
        Term q1 = g * g + a1 * a1 + d * d;
        Term q2 = g * g + a1 * a1 + a2 * a2 + d * d;
        var (rr, s) = (Real("R"), Real("s"));
        return new Obligation("B-22", "Lemma C.1, sharp form: |q' Hess_theta f(x) q| <= sqrt(1 + |x|^2) |q|^2 <= (R+1)|q|^2",
            @"$d=1,2$: $4\gamma^2(\alpha^\top x-\delta)^2\le(1+\|x\|^2)(\gamma^2+\|\alpha\|^2+\delta^2)^2$ (the quadratic form " +
            @"$2\gamma(\alpha^\top x-\delta)$ of an active neuron's block); $R,s\ge0$, $s^2=1+R^2$ $\Rightarrow$ $s\le R+1$.",
            "[derived]", ["B-01", "B-03"],
            [new Goal("d = 1", [], 4 * g * g * (a1 * x1 - d) * (a1 * x1 - d) <= (1 + x1 * x1) * q1 * q1),
             new Goal("d = 2", [], 4 * g * g * (a1 * x1 + a2 * x2 - d) * (a1 * x1 + a2 * x2 - d) <= (1 + x1 * x1 + x2 * x2) * q2 * q2),
             new Goal("sqrt(1 + R^2) <= R + 1", [rr >= 0, s >= 0, Eq(s * s, 1 + rr * rr)], s <= rr + 1)],
            "|x|^2 instead of 1 + |x|^2",
            [new Goal("d = 1 without the 1", [], 4 * g * g * (a1 * x1 - d) * (a1 * x1 - d) <= x1 * x1 * q1 * q1)]);
    }

    public static Obligation B23()
    {
        var goals = new List<Goal>();
        var s = Real("s");
        var loss = Real("L");
        for (int n = 1; n <= 4; n++)
        {
            var r = Enumerable.Range(1, n).Select(i => (Term)Real($"r{i}")).ToArray();
            Term sq = Sum(r.Select(t => t * t));
            goals.Add(new Goal($"Cauchy-Schwarz, n = {n}", [s >= 0, Eq(n * s * s, sq)], Sum(r.Select(Abs)) <= n * s));
            goals.Add(new Goal($"(1/n) sum r^2 = 2L, n = {n}", [Eq(2 * n * loss, sq)], Eq(sq, n * (2 * loss))));
        }
        var r2 = new Term[] { Real("r1"), Real("r2") };
        Term sq2 = r2[0] * r2[0] + r2[1] * r2[1];
        return new Obligation("B-23", "Term B of Theorem 3.2: (1/n) sum |r_i| <= sqrt((1/n) sum r_i^2) = sqrt(2L)",
            @"$n\le4$, $s\ge0$, $s^2=\frac1n\sum r_i^2$ $\Rightarrow$ $\frac1n\sum|r_i|\le s$ (multiplied by $n$); " +
            @"$\frac1n\sum r_i^2=2\mathcal L$ for $\mathcal L=\frac1{2n}\sum r_i^2$.",
            "[paper]", ["B-03"], goals,
            "bound by sqrt(L) instead of sqrt(2L)",
            [new Goal("sqrt(L), n = 2", [s >= 0, Eq(2 * 2 * s * s, sq2)], Abs(r2[0]) + Abs(r2[1]) <= 2 * s)]);
    }

    public static Obligation B24()
    {
        var (lambda, v, c, s, r, eta, ie) = (Real("lambda"), Real("V"), Real("c"), Real("s"), Real("R"), Real("eta"), Real("ie"));
        Term[] hyp = [lambda >= 1 + 2 * v - c * s, c >= 0, c <= 2 * (r + 1), s >= 0];
        return new Obligation("B-24", "Rearrangement of Theorem 3.2 and Corollary 3.3",
            @"$\lambda\ge1+2V-cs$, $0\le c\le2(R+1)$, $s\ge0$ $\Rightarrow$ $V\le\frac\lambda2-\frac12+(R+1)s$ (times 2); with $\eta>0$, $\eta\lambda\le2$: " +
            @"$V\le\frac1\eta-\frac12+(R+1)s$ ($\eta^{-1}$ as $i_\eta$ with $\eta\,i_\eta=1$, times 2).",
            "[paper]", ["B-03", "B-04"],
            [new Goal("Theorem 3.2", hyp, 2 * v <= lambda - 1 + 2 * (r + 1) * s),
             new Goal("Corollary 3.3", [.. hyp, eta > 0, Eq(eta * ie, 1), eta * lambda <= 2], 2 * v <= 2 * ie - 1 + 2 * (r + 1) * s)],
            "c <= 4(R+1)",
            [new Goal("weaker constant", [lambda >= 1 + 2 * v - c * s, c >= 0, c <= 4 * (r + 1), s >= 0], 2 * v <= lambda - 1 + 2 * (r + 1) * s)]);
    }

    /// <summary>n·∇²L for d = 1, K = 2, n = 2, L = (1/2n)Σrᵢ², parameters (w₁, b₁, v₁, w₂, b₂, v₂, β), zₖ = wₖx − bₖ.</summary>
    private static Term[,] ScaledHessian(Term[] x, Term[] y, Term[] w, Term[] b, Term[] v, Term beta)
    {
        const int p = 7;
        var h = new Term[p, p];
        for (int i = 0; i < p; i++) for (int j = 0; j < p; j++) h[i, j] = Num.Of(0);
        for (int i = 0; i < 2; i++)
        {
            var z = new[] { w[0] * x[i] - b[0], w[1] * x[i] - b[1] };
            var step = z.Select(Step).ToArray();
            var grad = new Term[] { v[0] * step[0] * x[i], -(v[0] * step[0]), Relu(z[0]), v[1] * step[1] * x[i], -(v[1] * step[1]), Relu(z[1]), 1 };
            Term r = v[0] * Relu(z[0]) + v[1] * Relu(z[1]) + beta - y[i];
            for (int a = 0; a < p; a++) for (int c = 0; c < p; c++) h[a, c] = h[a, c] + grad[a] * grad[c];
            for (int k = 0; k < 2; k++)
            {
                int wi = 3 * k, bi = 3 * k + 1, vi = 3 * k + 2;
                h[wi, vi] = h[wi, vi] + r * step[k] * x[i];
                h[vi, wi] = h[vi, wi] + r * step[k] * x[i];
                h[bi, vi] = h[bi, vi] - r * step[k];
                h[vi, bi] = h[vi, bi] - r * step[k];
            }
        }
        return h;
    }

    public static Obligation B25()
    {
        var x = T.Reals("x1", "x2");
        var y = T.Reals("y1", "y2");
        var w = T.Reals("w1", "w2");
        var b = T.Reals("b1", "b2");
        var v = T.Reals("v1", "v2");
        var beta = Real("beta");
        var h = ScaledHessian(x, y, w, b, v, beta);
        // n·H = n·e_β e_βᵀ with n = 2.
        var entries = new List<Term>();
        for (int i = 0; i < 7; i++)
            for (int j = i; j < 7; j++) entries.Add(Eq(h[i, j], i == 6 && j == 6 ? 2 : 0));
        Term claim = T.All(entries);
        var inactive = new List<Term>();
        for (int i = 0; i < 2; i++) for (int k = 0; k < 2; k++) inactive.Add(w[k] * x[i] - b[k] <= 0);
        var (eta, ie) = (Real("eta"), Real("ie"));
        return new Obligation("B-25", "Empty-data network: Hessian e_beta e_beta^T, flat iff eta <= 2",
            @"$d=1$, $K=2$, $n=2$, the §5 Hessian entries with indicators as `ite`: every $z_k(x_i)\le0$ $\Rightarrow$ " +
            @"$(\nabla^2\mathcal L)_{pq}=[p=q=\beta]$ for any labels and output weights; $\eta>0$: $1\le2/\eta\iff\eta\le2$.",
            "[paper] + [derived]", ["B-05", "B-13"],
            [new Goal("Hessian = e_beta e_beta^T", inactive, claim),
             new Goal("flat iff eta <= 2", [eta > 0, Eq(eta * ie, 1)], Iff(1 <= 2 * ie, eta <= 2))],
            "one active pair keeps the same Hessian; stable iff eta < 1",
            [new Goal("one active pair", [w[0] * x[0] - b[0] > 0, .. inactive.Skip(1)], claim),
             new Goal("stable iff eta < 1", [eta > 0, Eq(eta * ie, 1)], Iff(1 <= 2 * ie, eta < 1))]);
    }

    public static Obligation B26()
    {
        var d = Real("d");
        var di = IntVariable("n");
        Term dr = ToReal(di);
        Term[] hyp = [d >= 1];
        return new Obligation("B-26", "Exponents of the rates: upper 1/(2d+4) < lower 2/(d+1); 2/(d+1) < 1/4 iff d >= 8",
            @"Real $d\ge1$: $\frac1{2d+4}<\frac2{d+1}$; $\frac2{d+1}<\frac14\iff d>7$ (integer $d$: $\iff d\ge8$); $\frac1{2d+4}<\frac3{4d+6}$; " +
            @"$\frac1{2d+4}<\frac3{2d+3}$; $\frac1{2d+4}<\frac14$; for $d>-\frac32$: $2\ge\frac{3(d+2)}{2d+3}\iff d\ge0$. " +
            @"Fractions are compared cross-multiplied (all denominators positive).",
            "[derived]", ["B-08", "B-18"],
            [new Goal("1/(2d+4) < 2/(d+1)", hyp, FracLess(1, 2 * d + 4, 2, d + 1)),
             new Goal("2/(d+1) < 1/4 iff d > 7", hyp, Iff(FracLess(2, d + 1, 1, 4), d > 7)),
             new Goal("integer d: 2/(d+1) < 1/4 iff d >= 8", [dr >= 1], Iff(FracLess(2, dr + 1, 1, 4), dr >= 8)),
             new Goal("1/(2d+4) < 3/(4d+6)", hyp, FracLess(1, 2 * d + 4, 3, 4 * d + 6)),
             new Goal("1/(2d+4) < 3/(2d+3)", hyp, FracLess(1, 2 * d + 4, 3, 2 * d + 3)),
             new Goal("1/(2d+4) < 1/4", hyp, FracLess(1, 2 * d + 4, 1, 4)),
             new Goal("2 >= 3(d+2)/(2d+3) iff d >= 0", [2 * d + 3 > 0], Iff(FracLessEq(3 * (d + 2), 2 * d + 3, 2, 1), d >= 0))],
            "2/(d+1) < 1/4 iff d >= 7",
            [new Goal("iff d >= 7", hyp, Iff(FracLess(2, d + 1, 1, 4), d >= 7))]);
    }

    public static Obligation B27()
    {
        var d = Real("d");
        Term[] hyp = [d >= 1];
        // A/B + C/D = E/F  ⇔  (A·D + C·B)·F = E·B·D   (B, D, F > 0 for d ≥ 1).
        static Term SumOfFractions(Term a, Term b, Term c, Term dd, Term e, Term f) => Eq((a * dd + c * b) * f, e * b * dd);
        Term first = SumOfFractions(-(d + 3), 4 * d + 6, d * (d + 2), (2 * d + 3) * (2 * d + 4), -3, 4 * d + 6);
        Term second = SumOfFractions(-(d + 3), 2 * d + 3, 2 * d * (d + 2), (2 * d + 3) * (2 * d + 4), -3, 2 * d + 3);
        Term wrong = SumOfFractions(-(d + 3), 4 * d + 6, d * (d + 2), (2 * d + 3) * (2 * d + 4), -3, 2 * d + 3);
        return new Obligation("B-27", "Exponent arithmetic of Theorems 3.5/3.6 (balancing the cover and interior terms)",
            @"$-\frac{d+3}{4d+6}+\frac{d(d+2)}{(2d+3)(2d+4)}=-\frac3{4d+6}$ and $-\frac{d+3}{2d+3}+\frac{2d(d+2)}{(2d+3)(2d+4)}=-\frac3{2d+3}$ " +
            @"for $d\ge1$ (cross-multiplied).",
            "[reconstructed]", ["B-08"],
            [new Goal("gap exponent", hyp, first), new Goal("MSE exponent", hyp, second)],
            "right side -3/(2d+3) in the first identity",
            [new Goal("wrong right side", hyp, wrong)]);
    }

    public static Obligation B28()
    {
        var d = Real("d");
        var (inv, n, eps, sigma, si, ei) = (Real("inv"), Real("n"), Real("eps"), Real("sigma"), Real("si"), Real("ei"));
        Term[] hyp = [d >= 1];
        return new Obligation("B-28", "Exponent bookkeeping of the shattering construction (H.2-H.5, 1-D bump)",
            @"$-2+2(d+2)=2d+2$; $-(d-1)+(2d+2)=d+3$; $-(d-1)+(d+1)=2$; $(d+1)\frac2{d+1}=2$; 1-D: " +
            @"$n\varepsilon/\sigma^2=1/\varepsilon\Rightarrow n\varepsilon^2=\sigma^2$ (reciprocals as variables with $x\,x^{-1}=1$).",
            "[paper]", ["B-10", "B-12", "B-13"],
            [new Goal("V_g weight: -2 + 2(d+2) = 2d+2", hyp, Eq(-2 + 2 * (d + 2), 2 * d + 2)),
             new Goal("-(d-1) + (2d+2) = d+3", hyp, Eq(-(d - 1) + (2 * d + 2), d + 3)),
             new Goal("-(d-1) + (d+1) = 2", hyp, Eq(-(d - 1) + (d + 1), 2)),
             new Goal("(d+1) 2/(d+1) = 2", [.. hyp, Eq((d + 1) * inv, 1)], Eq((d + 1) * 2 * inv, 2)),
             new Goal("1-D: n eps^2 = sigma^2", [n > 0, eps > 0, sigma > 0, Eq(sigma * si, 1), Eq(eps * ei, 1), Eq(n * eps * si * si, ei)],
                 Eq(n * eps * eps, sigma * sigma))],
            "weight eps^(d+2) instead of eps^(2d+4): -2 + (d+2) = 2d+2",
            [new Goal("wrong weight", hyp, Eq(-2 + (d + 2), 2 * d + 2))]);
    }

    public static Obligation B29()
    {
        var (t, q, mm, s, m, w, v) = (Real("t"), Real("Q"), Real("M"), Real("S"), Real("m"), Real("w"), Real("v"));
        Term[] hyp =
        [
            t > -1, t < 1, Eq(2 * q, 1 - t), Eq(4 * mm, 1 - t * t), Eq(s, mm - t * q), Eq(m * q, mm),
            w >= 0, Eq(w * w, 1 + m * m), v >= 0, Eq(4 * v * v, 4 + (1 + t) * (1 + t)),
        ];
        return new Obligation("B-29", "The plug-in weight in d = 1 equals the univariate weight ((1-t)/2)^3 sqrt(1 + ((1+t)/2)^2)",
            @"$d=1$: $Q=\frac{1-t}2$, $M=\frac{1-t^2}4$, $S=M-tQ$, $mQ=M$, $w\ge0$, $w^2=1+m^2$ $\Rightarrow$ $QSw=(\frac{1-t}2)^3\sqrt{1+(\frac{1+t}2)^2}$ " +
            @"for $t\in(-1,1)$ (the square root as $v\ge0$, times 8).",
            "[derived]", ["B-06"],
            [new Goal("g = P^2 E[X - t | X > t] sqrt(1 + E[X|.]^2)", hyp, Eq(8 * q * s * w, (1 - t) * (1 - t) * (1 - t) * v))],
            "P instead of P^2: S w",
            [new Goal("P instead of P^2", hyp, Eq(8 * s * w, (1 - t) * (1 - t) * (1 - t) * v))]);
    }

    public static Obligation B30()
    {
        var (p, s, mu, w, rho) = (Real("p"), Real("s"), Real("mu"), Real("w"), Real("rho"));
        Term[] hyp = [p > 0, p <= 1, s >= 0, mu * mu <= 1, w >= 0, Eq(w * w, 1 + mu * mu), rho >= 0, Eq(rho * rho, 2)];
        return new Obligation("B-30", "g is comparable to p s: p s <= p s sqrt(1 + |mu|^2) <= sqrt(2) p s",
            @"$p\in(0,1]$, $s\ge0$, $\mu^2\le1$, $w\ge0$, $w^2=1+\mu^2$, $\rho\ge0$, $\rho^2=2$ $\Rightarrow$ $ps\le psw\le\rho ps$.",
            "[paper]", ["B-06"],
            [new Goal("lower", hyp, p * s <= p * s * w), new Goal("upper", hyp, p * s * w <= rho * p * s)],
            "P-variant: s w <= rho p s",
            [new Goal("P-variant", hyp, s * w <= rho * p * s)]);
    }

    public static Obligation B31()
    {
        var x = Real("x");
        Term[] hyp = [x >= T.Q(3, 4), x < 1];
        return new Obligation("B-31", "Lemma E.2's bracket: (7/4)(1-x) <= 1 - x^2 < 2(1-x) on [3/4, 1)",
            @"$x\in[\frac34,1)$ $\Rightarrow$ $\frac74(1-x)\le1-x^2<2(1-x)$ and $x^2>\frac12$.",
            "[paper]", ["B-07"],
            [new Goal("lower", hyp, T.Q(7, 4) * (1 - x) <= 1 - x * x),
             new Goal("upper", hyp, 1 - x * x < 2 * (1 - x)),
             new Goal("x^2 > 1/2", hyp, x * x > T.Q(1, 2))],
            "2(1-x) <= 1 - x^2",
            [new Goal("reversed upper", hyp, 2 * (1 - x) <= 1 - x * x)]);
    }

    public static Obligation B32()
    {
        var eps = Real("eps");
        Term[] hyp = [eps >= 0, eps <= 1];
        var goals = new List<Goal>();
        for (int d = 2; d <= 6; d++)
        {
            Term p = 1 - Pow(1 - eps, d);
            goals.Add(new Goal($"d = {d}", hyp, And(eps <= p, p <= 1, p <= d * eps)));
        }
        return new Obligation("B-32", "Annulus mass (F.6-F.7): eps <= 1 - (1-eps)^d <= min(1, d eps)",
            @"$d\in\{2,\dots,6\}$, $\varepsilon\in[0,1]$ $\Rightarrow$ $\varepsilon\le1-(1-\varepsilon)^d\le\min(1,d\varepsilon)$.",
            "[paper]", ["B-09"], goals,
            "1 - (1-eps)^d <= eps",
            [new Goal("d = 2 upper by eps", hyp, 1 - Pow(1 - eps, 2) <= eps)]);
    }

    public static Obligation B33()
    {
        var (r, h, a) = (Real("r"), Real("h"), Real("a"));
        return new Obligation("B-33", "Disjoint caps have disjoint supports: a > h, 0 < r <= 1, h > 0 => a > h r",
            @"$0<r\le1$, $0<h<1$, $a>h$ $\Rightarrow$ $a>hr$ (for $\|x\|=r\le1$ and $u^\top x>1-\varepsilon^2=h$: $u^\top x/\|x\|>h$).",
            "[derived]", ["B-11"],
            [new Goal("support inclusion", [r > 0, r <= 1, h > 0, h < 1, a > h], a > h * r)],
            "drop h > 0",
            [new Goal("h unrestricted below", [r > 0, r <= 1, h < 1, a > h], a > h * r)]);
    }

    public static IEnumerable<Obligation> All() =>
        [B22(), B23(), B24(), B25(), B26(), B27(), B28(), B29(), B30(), B31(), B32(), B33(), B34(), B35(), B36(), B37(), B38(), B39(), B40()];
}
