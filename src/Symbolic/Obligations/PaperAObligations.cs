using Flatness.Symbolic.Proving;
using Flatness.Symbolic.Terms;
using static Flatness.Symbolic.Terms.T;

namespace Flatness.Symbolic.Obligations;

/// <summary>The symbolic obligations of paper A's specification, §8.2 (A-24 … A-35).</summary>
internal static class PaperAObligations
{
    private const string Derived = "[derived]";

    /// <summary>σ(z) for the named activation (leaky uses the variable alpha ∈ (0, 1]).</summary>
    private static Term Sigma(string act, Term z) => act switch
    {
        "relu" => Relu(z),
        "relu2" => Ite(z > 0, z * z, 0),
        "relu3" => Ite(z > 0, z * z * z, 0),
        "leaky" => Leaky(z, Real("alpha")),
        "abs" => Abs(z),
        _ => throw new ArgumentException(act),
    };

    private static int Degree(string act) => act switch { "relu2" => 2, "relu3" => 3, _ => 1 };

    private static Term[] ActivationHypotheses(string act) =>
        act == "leaky" ? [Real("alpha") > 0, Real("alpha") <= 1] : [];

    public static Obligation A24()
    {
        var (a, c, e, z) = (Real("a"), Real("c"), Real("e"), Real("z"));
        var goals = new List<Goal>();
        foreach (var act in new[] { "relu", "relu2", "relu3", "leaky", "abs" })
        {
            int k = Degree(act);
            foreach (var (caseName, caseHyp) in new[] { ("z > 0", z > 0), ("z < 0", z < 0), ("z = 0", Eq(z, 0)) })
                goals.Add(new Goal($"{act}, {caseName}",
                    [c > 0, Eq(e * Pow(c, k), 1), caseHyp, .. ActivationHypotheses(act)],
                    Eq(e * a * Sigma(act, c * z), a * Sigma(act, z))));
        }
        // A neuron with bias in d = 2: a·σ(w·x + b) is unchanged by (w, b, a) ↦ (cw, cb, c⁻¹a).
        var (w1, w2, b, x1, x2) = (Real("w1"), Real("w2"), Real("b"), Real("x1"), Real("x2"));
        goals.Add(new Goal("relu neuron with bias, d = 2", [c > 0, Eq(e * c, 1)],
            Eq(e * a * Relu(c * w1 * x1 + c * w2 * x2 + c * b), a * Relu(w1 * x1 + w2 * x2 + b))));
        return new Obligation("A-24", "Positive homogeneity: (c^-k a) sigma(cz) = a sigma(z) for c > 0",
            @"For $c>0$ and $e\,c^k=1$: $(e\,a)\,\sigma(cz)=a\,\sigma(z)$, case split on $z$, for ReLU, $\mathrm{ReLU}^2$, $\mathrm{ReLU}^3$, " +
            @"leaky ReLU ($0<\alpha\le1$) and $|z|$; and a ReLU neuron with bias, $a\,\sigma(w^\top x+b)$, is unchanged by $(w,b,a)\mapsto(cw,cb,c^{-1}a)$.",
            Derived, ["A-03", "A-19"], goals,
            "allow any c != 0 (here c < 0 is possible)",
            [new Goal("relu with c != 0", [Ne(c, 0), Eq(e * c, 1)], Eq(e * a * Relu(c * z), a * Relu(z)))]);
    }

    public static Obligation A25()
    {
        var (a, c, e, z, x) = (Real("a"), Real("c"), Real("e"), Real("z"), Real("X"));
        var goals = new List<Goal>();
        foreach (int k in new[] { 1, 2, 3 })
        {
            Term Sig(Term t) => Ite(t > 0, Pow(t, k), 0);
            Term Der(Term t) => Ite(t > 0, k * Pow(t, k - 1), 0);
            foreach (var (caseName, caseHyp) in new[] { ("z > 0", z > 0), ("z < 0", z < 0) })
            {
                Term[] hyp = [c > 0, Eq(e * Pow(c, k), 1), caseHyp];
                goals.Add(new Goal($"k = {k}, P term, {caseName}", hyp, Eq(Sig(c * z) * Sig(c * z), Pow(c, 2 * k) * Sig(z) * Sig(z))));
                // c⁻² multiplied through: c²·(ea)²σ'(cz)²X = a²σ'(z)²X.
                goals.Add(new Goal($"k = {k}, Q term, {caseName}", hyp,
                    Eq(c * c * (e * a) * (e * a) * Der(c * z) * Der(c * z) * x, a * a * Der(z) * Der(z) * x)));
            }
        }
        Term D1(Term t) => Step(t);
        return new Obligation("A-25", "Rescaling scales P_j by c^2k and Q_j by c^-2",
            @"For $z\ne0$, $c>0$, $e\,c^k=1$ and $\sigma=z_+^k$ ($k=1,2,3$): " +
            @"$\sigma(cz)^2=c^{2k}\sigma(z)^2$ and $(e a)^2\sigma'(cz)^2X=c^{-2}a^2\sigma'(z)^2X$ (encoded as $c^2(ea)^2\sigma'(cz)^2X=a^2\sigma'(z)^2X$).",
            Derived, ["A-03", "A-06"], goals,
            "the Q term scales by c^+2",
            [new Goal("k = 1, Q term times c^2", [c > 0, Eq(e * c, 1), Ne(z, 0)],
                Eq((e * a) * (e * a) * D1(c * z) * D1(c * z) * x, c * c * a * a * D1(z) * D1(z) * x))]);
    }

    public static Obligation A26()
    {
        var (p, q, t, s) = (Real("P"), Real("Q"), Real("t"), Real("s"));
        Term[] hyp = [p >= 0, q >= 0, t > 0, s >= 0, Eq(s * s, p * q)];
        return new Obligation("A-26", "Orbit minimum, k = 1: AM-GM, min c^2 P + c^-2 Q = 2 sqrt(PQ)",
            @"$k=1$: $P,Q\ge0$, $t>0$, $s\ge0$, $s^2=PQ$ $\Rightarrow$ $t^2P+Q\ge2st$ (with $t=c^2$, i.e. $c^2P+c^{-2}Q\ge2\sqrt{PQ}$); " +
            @"and $t^2P=Q$ $\Rightarrow$ equality (the argmin $c^4=Q/P$).",
            Derived, ["A-05"],
            [new Goal("inequality", hyp, t * t * p + q >= 2 * s * t),
             new Goal("equality at t^2 P = Q", [.. hyp, Eq(t * t * p, q)], Eq(t * t * p + q, 2 * s * t))],
            "wrong argmin exponent: tP = Q claimed to give equality",
            [new Goal("tP = Q", [.. hyp, Eq(t * p, q)], Eq(t * t * p + q, 2 * s * t))]);
    }

    public static Obligation A27()
    {
        var (p, q, r, c) = (Real("p"), Real("q"), Real("r"), Real("c"));
        Term[] hyp = [p >= 0, q >= 0, r > 0, Eq(r * r * r, 2), c > 0];
        return new Obligation("A-27", "Orbit minimum, k = 2: weighted AM-GM with constant 3 * 2^(-2/3)",
            @"$k=2$: $P=p^3$, $Q=q^3$, $p,q\ge0$, $r>0$, $r^3=2$, $c>0$ $\Rightarrow$ $r^2c^6p^3+r^2q^3\ge3pq^2c^2$, i.e. " +
            @"$c^4P+c^{-2}Q\ge3\cdot2^{-2/3}P^{1/3}Q^{2/3}=m_2(P,Q)$.",
            Derived, ["A-05"],
            [new Goal("inequality", hyp, r * r * Pow(c, 6) * Pow(p, 3) + r * r * Pow(q, 3) >= 3 * p * q * q * c * c)],
            "swapped exponents: 3 p^2 q c^2 on the right",
            [new Goal("swapped", hyp, r * r * Pow(c, 6) * Pow(p, 3) + r * r * Pow(q, 3) >= 3 * p * p * q * c * c)]);
    }

    public static Obligation A28()
    {
        var (p, q, r, c) = (Real("p"), Real("q"), Real("r"), Real("c"));
        Term[] hyp = [p >= 0, q >= 0, r > 0, Eq(Pow(r, 4), 3), c > 0];
        return new Obligation("A-28", "Orbit minimum, k = 3: weighted AM-GM with constant 4 * 3^(-3/4)",
            @"$k=3$: $P=p^4$, $Q=q^4$, $p,q\ge0$, $r>0$, $r^4=3$, $c>0$ $\Rightarrow$ $r^3c^8p^4+r^3q^4\ge4pq^3c^2$, i.e. " +
            @"$c^6P+c^{-2}Q\ge4\cdot3^{-3/4}P^{1/4}Q^{3/4}=m_3(P,Q)$.",
            Derived, ["A-05"],
            [new Goal("inequality", hyp, Pow(r, 3) * Pow(c, 8) * Pow(p, 4) + Pow(r, 3) * Pow(q, 4) >= 4 * p * Pow(q, 3) * c * c)],
            "drop the constant k^(-k/(k+1))",
            [new Goal("no constant", hyp, Pow(c, 8) * Pow(p, 4) + Pow(q, 4) >= 4 * p * Pow(q, 3) * c * c)]);
    }

    public static Obligation A29()
    {
        var (pp, qq, c, ci) = (Real("P"), Real("Q"), Real("c"), Real("ci"));
        var goals = new List<Goal>();
        foreach (int k in new[] { 1, 2, 3 })
            goals.Add(new Goal($"stationary point, k = {k}", [pp > 0, c > 0, Eq(c * ci, 1)],
                Iff(Eq(2 * k * Pow(c, 2 * k - 1) * pp, 2 * Pow(ci, 3) * qq), Eq(k * Pow(c, 2 * k + 2) * pp, qq))));
        var (p, q, r, u) = (Real("p"), Real("q"), Real("r"), Real("u"));
        Term[] hyp2 = [p >= 0, q >= 0, r > 0, Eq(Pow(r, 3), 2), u > 0, Eq(pp, Pow(p, 3)), Eq(qq, Pow(q, 3))];
        goals.Add(new Goal("k = 2 value at the argmin u r p = q", [.. hyp2, Eq(u * r * p, q)],
            Eq(r * r * (pp * Pow(u, 3) + qq), 3 * p * q * q * u)));
        return new Obligation("A-29", "Argmin of the orbit: c^(2k+2) = Q/(kP), and the value m_k there",
            @"$P,c>0$: $2kc^{2k-1}P=2c^{-3}Q\iff kc^{2k+2}P=Q$ for $k=1,2,3$ ($c^{-1}$ as $c_i$ with $c\,c_i=1$); $k=2$, $u=c^2$, " +
            @"$urp=q$ $\Rightarrow$ $Pu^3+Q=3pq^2u/r^2$ (multiplied by $r^2$).",
            Derived, ["A-05"], goals,
            "k = 2 with u^3 P = Q claimed to give the same value",
            [new Goal("u^3 P = Q", [.. hyp2, Eq(Pow(u, 3) * pp, qq)], Eq(r * r * (pp * Pow(u, 3) + qq), 3 * p * q * q * u))]);
    }

    public static Obligation A30()
    {
        var x = Real("X");
        var goals = new List<Goal>();
        var (u, a, v) = (Real("u"), Real("a"), Real("v"));
        goals.Add(new Goal("per term: u^2 + a^2 v^2 X^2 >= 2|a||u||v|X", [x >= 0], u * u + a * a * v * v * x * x >= 2 * Abs(a) * Abs(u) * Abs(v) * x));
        for (int m = 2; m <= 4; m++)
        {
            var ys = Enumerable.Range(1, m).Select(j => (Term)Real($"y{j}")).ToArray();
            goals.Add(new Goal($"triangle inequality, m = {m}", [], Sum(ys.Select(Abs)) >= Abs(Sum(ys))));
        }
        foreach (int m in new[] { 2, 3 })
        {
            var zs = Enumerable.Range(1, m).Select(j => (Term)Real($"z{j}")).ToArray();
            var ws = Enumerable.Range(1, m).Select(j => (Term)Real($"a{j}")).ToArray();
            Term lhs = Sum(Enumerable.Range(0, m).Select(j => Relu(zs[j]) * Relu(zs[j]) + ws[j] * ws[j] * Step(zs[j]) * x * x));
            Term f = Sum(Enumerable.Range(0, m).Select(j => ws[j] * Relu(zs[j])));
            goals.Add(new Goal($"relu, m = {m}", [x >= 0], lhs >= 2 * x * Abs(f)));
        }
        var alpha = Real("alpha");
        {
            var zs = new Term[] { Real("z1"), Real("z2") };
            var ws = new Term[] { Real("a1"), Real("a2") };
            Term D(Term z) => Ite(z > 0, 1, alpha);
            Term lhs = Sum(Enumerable.Range(0, 2).Select(j => Leaky(zs[j], alpha) * Leaky(zs[j], alpha) + ws[j] * ws[j] * D(zs[j]) * D(zs[j]) * x * x));
            Term f = Sum(Enumerable.Range(0, 2).Select(j => ws[j] * Leaky(zs[j], alpha)));
            goals.Add(new Goal("leaky relu, m = 2, factor alpha", [x >= 0, alpha > 0, alpha <= 1], lhs >= 2 * alpha * x * Abs(f)));
        }
        var z1 = Real("z1");
        var z2 = Real("z2");
        var a1 = Real("a1");
        var a2 = Real("a2");
        Term reluLhs = Relu(z1) * Relu(z1) + a1 * a1 * Step(z1) * x * x + Relu(z2) * Relu(z2) + a2 * a2 * Step(z2) * x * x;
        Term reluF = a1 * Relu(z1) + a2 * Relu(z2);
        Term Dl(Term z) => Ite(z > 0, 1, alpha);
        Term leakyLhs = Leaky(z1, alpha) * Leaky(z1, alpha) + a1 * a1 * Dl(z1) * Dl(z1) * x * x + Leaky(z2, alpha) * Leaky(z2, alpha)
            + a2 * a2 * Dl(z2) * Dl(z2) * x * x;
        Term leakyF = a1 * Leaky(z1, alpha) + a2 * Leaky(z2, alpha);
        return new Obligation("A-30", "Per-sample lower bound behind the interpolator floor (A-D1)",
            @"$X\ge0$ $\Rightarrow$ $\sum_j(\mathrm{relu}(z_j)^2+a_j^2[z_j>0]X^2)\ge2X\,|\sum_ja_j\mathrm{relu}(z_j)|$ ($m=2,3$); " +
            @"sub-lemmas $u^2+a^2v^2X^2\ge2|a||u||v|X$ and $\sum|y_j|\ge|\sum y_j|$ ($m\le4$); leaky ReLU with the factor $\alpha$: " +
            @"$\sum_j(\sigma(z_j)^2+a_j^2\sigma'(z_j)^2X^2)\ge2\alpha X|\sum_ja_j\sigma(z_j)|$.",
            Derived, ["A-07", "A-18"], goals,
            "factor 4X instead of 2X (ReLU), and leaky ReLU with factor 1 instead of alpha",
            [new Goal("relu, factor 4X", [x >= 0], reluLhs >= 4 * x * Abs(reluF)),
             new Goal("leaky, factor 1", [x >= 0, alpha > 0, alpha <= 1], leakyLhs >= 2 * x * Abs(leakyF))]);
    }

    public static Obligation A31()
    {
        var (pp, qq, mm, s, s1) = (Real("P"), Real("Q"), Real("M"), Real("s"), Real("s1"));
        var (p, q, q1, mu) = (Real("p"), Real("q"), Real("q1"), Real("mu"));
        return new Obligation("A-31", "Neuron splitting: invariant for k = 1, factor M^((1-k)/(k+1)) for k = 2, 3",
            @"$k=1$: $M>0$, $s,s'\ge0$, $s^2=PQ$, $(Ms')^2=PQ$ $\Rightarrow$ $M\cdot2s'=2s$ ($M$ copies $(a/M,w)$ keep $F^\star$). $k=2$: $M=\mu^3$, " +
            @"$q'\mu^2=q$ $\Rightarrow$ $M\,pq'^2=\mu^{-1}pq^2$ (total $=M^{-1/3}\times$ original). $k=3$: $M=\mu^2$, " +
            @"$q'\mu=q$ $\Rightarrow$ $M\,pq'^3=\mu^{-1}pq^3$ ($M^{-1/2}$).",
            Derived, ["A-12"],
            [new Goal("k = 1 invariance", [mm > 0, s >= 0, s1 >= 0, Eq(s * s, pp * qq), Eq(mm * s1 * mm * s1, pp * qq)], Eq(mm * 2 * s1, 2 * s)),
             new Goal("k = 2 factor mu^-1", [mu > 0, Eq(q1 * mu * mu, q)], Eq(Pow(mu, 3) * p * q1 * q1 * mu, p * q * q)),
             new Goal("k = 3 factor mu^-1", [mu > 0, Eq(q1 * mu, q)], Eq(Pow(mu, 2) * p * Pow(q1, 3) * mu, p * Pow(q, 3)))],
            "k = 2 splitting claimed invariant",
            [new Goal("k = 2 invariance", [mu > 0, Eq(q1 * mu * mu, q)], Eq(Pow(mu, 3) * p * q1 * q1, p * q * q))]);
    }

    public static Obligation A32()
    {
        var (r0, r1, h, t) = (Real("r0"), Real("r1"), Real("h"), Real("t"));
        Term square = (r0 + r1 * t + h * t * t) * (r0 + r1 * t + h * t * t);
        Term expanded = r0 * r0 + 2 * r0 * r1 * t + (r1 * r1 + 2 * r0 * h) * t * t + 2 * r1 * h * Pow(t, 3) + h * h * Pow(t, 4);
        // d²/dt² at 0 of a polynomial is twice its t² coefficient.
        Term secondDerivative = 2 * (r1 * r1 + 2 * r0 * h);
        return new Obligation("A-32", "Gauss-Newton identity at zero residual",
            @"$(r_0+r_1t+ht^2)^2=r_0^2+2r_0r_1t+(r_1^2+2r_0h)t^2+2r_1ht^3+h^2t^4$ for all $t$, so $\partial_t^2(r^2)|_0=2r_1^2+4r_0h$, " +
            @"which is $2r_1^2$ (the Gauss–Newton term) when $r_0=0$: at an interpolator the residual curvature vanishes.",
            Derived, ["A-01", "A-02", "A-20"],
            [new Goal("expansion", [], Eq(square, expanded)),
             new Goal("second derivative at r0 = 0", [Eq(r0, 0)], Eq(secondDerivative, 2 * r1 * r1))],
            "drop r0 = 0 and still claim 2 r1^2",
            [new Goal("no r0 = 0", [], Eq(secondDerivative, 2 * r1 * r1))]);
    }

    public static Obligation A33()
    {
        var (alpha, e, h11, h12, h22, s) = (Real("alpha"), Real("e"), Real("h11"), Real("h12"), Real("h22"), Real("s"));
        Term[] hyp = [alpha > 0, Eq(e * alpha, 1)];
        Term[] psd = [.. hyp, h11 >= 0, h22 >= 0, s >= 0, Eq(s * s, h11 * h22)];
        Term t11 = e * h11 * e, t12 = e * h12 * alpha, t22 = alpha * h22 * alpha;
        var goals = new List<Goal>
        {
            new("entries of D^-1 H D^-1", hyp, And(Eq(t11, e * e * h11), Eq(t12, h12), Eq(t22, alpha * alpha * h22))),
            new("trace bound", psd, e * e * h11 + alpha * alpha * h22 >= 2 * s),
            new("equality iff alpha^4 h22 = h11", psd, Iff(Eq(e * e * h11 + alpha * alpha * h22, 2 * s), Eq(Pow(alpha, 4) * h22, h11))),
        };
        var (c, ci, haa, haw, hww) = (Real("c"), Real("ci"), Real("haa"), Real("haw"), Real("hww"));
        foreach (int k in new[] { 1, 2, 3 })
            goals.Add(new Goal($"per-neuron congruence, k = {k}", [c > 0, Eq(c * ci, 1)],
                And(Eq(Pow(c, k) * haa * Pow(c, k), Pow(c, 2 * k) * haa),
                    Eq(Pow(c, k) * haw * ci, Pow(c, k - 1) * haw),
                    Eq(ci * hww * ci * c * c, hww))));
        return new Obligation("A-33", "Hessian congruence under rescaling (Dinh et al.) and the trace transform",
            @"$\alpha>0$, $e\alpha=1$: $D_\alpha^{-1}HD_\alpha^{-1}$ has entries $e^2h_{11},h_{12},\alpha^2h_{22}$; $h_{11},h_{22}\ge0$, $s\ge0$, " +
            @"$s^2=h_{11}h_{22}$ $\Rightarrow$ $e^2h_{11}+\alpha^2h_{22}\ge2s$, with equality iff $\alpha^4h_{22}=h_{11}$. " +
            @"Per neuron ($T^{-1}=\mathrm{diag}(c^k,c^{-1})$): $a$–$a$ entries scale by $c^{2k}$, $a$–$w$ by $c^{k-1}$, $w$–$w$ by $c^{-2}$.",
            Derived, ["A-04", "A-06"], goals,
            "trace invariant under the layer-wise rescaling",
            [new Goal("trace invariant", psd, Eq(e * e * h11 + alpha * alpha * h22, h11 + h22))]);
    }

    public static Obligation A34()
    {
        var (a, w) = (Real("a"), Real("w"));
        Term[] hyp = [Eq(a * w, 1), w > 0];
        return new Obligation("A-34", "Dinh one-neuron fixture: det = 0, trace >= 2 with equality iff w = 1",
            @"$aw=1$, $w>0$ $\Rightarrow$ $\det\begin{pmatrix}a^2&aw\\aw&w^2\end{pmatrix}=0$, $a^2+w^2\ge2$, with equality iff $w=1$.",
            Derived, ["A-21"],
            [new Goal("determinant", hyp, Eq(a * a * w * w - a * w * a * w, 0)),
             new Goal("trace >= 2", hyp, a * a + w * w >= 2),
             new Goal("equality iff w = 1", hyp, Iff(Eq(a * a + w * w, 2), Eq(w, 1)))],
            "trace = 2 on the whole orbit",
            [new Goal("constant trace", hyp, Eq(a * a + w * w, 2))]);
    }

    public static Obligation A35()
    {
        var (di, dj, ei, ej, ti, tj, h, eta) = (Real("di"), Real("dj"), Real("ei"), Real("ej"), Real("ti"), Real("tj"), Real("h"), Real("eta"));
        Term[] hyp = [di > 0, dj > 0, Eq(di * ei, 1), Eq(dj * ej, 1)];
        return new Obligation("A-35", "Adaptive sharpness: |theta| H |theta| is invariant under loss-preserving diagonal rescaling",
            @"$d_i,d_j>0$, $d_ie_i=d_je_j=1$ $\Rightarrow$ $|d_i\theta_i|\,(e_ih_{ij}e_j)\,|d_j\theta_j|=|\theta_i|\,h_{ij}\,|\theta_j|$: " +
            @"the entries of $\tilde H=\mathrm{diag}(|\theta|)H\mathrm{diag}(|\theta|)$ are invariant.",
            Derived, ["A-22"],
            [new Goal("entry invariance", hyp, Eq(Abs(di * ti) * (ei * h * ej) * Abs(dj * tj), Abs(ti) * h * Abs(tj)))],
            "eta-shifted weights (eta > 0) are invariant; plain Hessian entries are invariant",
            [new Goal("eta-shifted", [.. hyp, eta > 0], Eq((Abs(di * ti) + eta) * (ei * h * ej) * (Abs(dj * tj) + eta), (Abs(ti) + eta) * h * (Abs(tj) + eta))),
             new Goal("plain entries", hyp, Eq(ei * h * ej, h))]);
    }

    public static IEnumerable<Obligation> All() =>
        [A24(), A25(), A26(), A27(), A28(), A29(), A30(), A31(), A32(), A33(), A34(), A35()];
}
