using Flatness.Claims.Decisions;
using Flatness.Claims.Model;
using Flatness.Numerics.Networks;
using Flatness.Numerics.Population;
using Flatness.Numerics.Quadrature;
using Flatness.Numerics.Randomness;
using Flatness.Numerics.References;
using Flatness.Numerics.Statistics;

namespace Flatness.Claims.Checks.PaperA;

/// <summary>A-38: the arc-cosine kernels and the exact Gaussian population loss against quadrature (d = 1, 2) and Monte
/// Carlo (d = 6), and the sphere Monte Carlo against the Gaussian closed form (issue #16; spec A-D2, §5).</summary>
internal sealed class A38PopulationLoss() : Claim("A-38")
{
    private const double QuadratureTolerance = 1e-10, Resolution = 0.01, Noise = 0.25;
    private const int McDimension = 6, McSamples = 1 << 22, SphereSamples = 1 << 21, SpanDimension = 40, SpanSamples = 1 << 22, SpanBatches = 64;

    private static readonly (Activation Net, Activation Teacher)[] s_pairs =
        [(new Relu(), new Relu()), (new LeakyRelu(0.2), new Relu()), (new AbsoluteValue(), new LeakyRelu(0.2)), (new ReluPower(2), new ReluPower(2))];

    public override string Title => "The arc-cosine kernels and the Gaussian population loss match quadrature and Monte Carlo";
    public override string Statement =>
        @"For $x\sim\mathcal N(0,I_d)$: $\mathbb E[(w^\top x)_+^n(v^\top x)_+^n]=\lVert w\rVert^n\lVert v\rVert^nJ_n(\theta)/(2\pi)$ ($n=0,1,2$, " +
        @"Cho & Saul 2009), and the population loss $L=\mathbb E(f(x)-g(x))^2+\varsigma^2$ of a bias-free network against a bias-free teacher, " +
        @"with its moments $\mathbb E f$, $\mathbb E f^2$, $\mathbb E fg$, is what `GaussianPopulationLoss` computes from them " +
        @"(ReLU, leaky ReLU and $|z|$ through $\sigma(z)=pz_++qz$; ReLU² through $J_2$). On the sphere of radius $\sqrt d$ a degree-2 homogeneous integrand " +
        @"has the Gaussian expectation ($\mathbb E\lVert x\rVert^2=d$).";
    public override string Method =>
        "Quadrature (d = 1 and 2): random Gaussian networks (m = 3) against random teachers (m = 2) for the pairs ReLU/ReLU, leaky/ReLU, " +
        "|z|/leaky and ReLU²/ReLU², noise variance 0.25, and three random pairs (w, v) per dimension for J₀, J₁, J₂; the reference " +
        "expectations by composite Gauss–Legendre quadrature cut at every kink (`GaussianQuadrature`: the real line in d = 1, polar " +
        "coordinates in d = 2), with the integrand evaluated by plain loops (`ReferenceNetwork`), independent of the closed forms. " +
        "Criterion: relative error < 10⁻¹⁰ (the rules are accurate to rounding). Monte Carlo (d = 6): 2²² fresh Gaussian inputs " +
        "shared by the kernels J₀, J₁ at the angle π/3 and the losses of the three degree-1 pairs (m = 3 against m = 1, unit-scale " +
        "weights), the integrands by plain loops with σ written from its definition; normal bounds on each mean (its integrand has " +
        "every moment; n = 4·10⁶ makes the mean's skewness negligible); " +
        "criterion: the closed form within ± 1 % (Region.Near), with the page's power line showing the margin is ≥ 6.5 standard " +
        "errors. Sphere: `SpherePopulationLoss.MonteCarlo` (2²¹ points of √6·S⁵) for the ReLU pair against the Gaussian closed " +
        "form, ± 1 %. Span: `SpanMonteCarlo` (A-14's estimator: 2²² inputs drawn in the 4-dimensional span of the weights of a ReLU " +
        "network in d = 40) with `BatchMeans` bounds (64 batches), against the closed form, ± 1 %. ReLU² is checked by quadrature only: " +
        "its fourth-degree integrand needs ≈ 10⁸ Monte Carlo points for 1 %, and its closed form shares the norms and inner products that the " +
        "degree-1 Monte Carlo checks in d = 6.";

    public override Evidence Check(ClaimContext context)
    {
        var rng = new Rng(context.Seed);
        var b = new EvidenceBuilder()
            .Parameter("pairs (network / teacher)", string.Join("; ", s_pairs.Select(p => $"{p.Net.Describe()} / {p.Teacher.Describe()}")))
            .Parameter("quadrature", "d = 1: real line cut at 0; d = 2: polar, angles cut at every kink; " +
                "Gauss-Legendre order 20 on panels <= 1 (radius) and <= pi/4 (angle); truncation at 12")
            .Parameter("Monte Carlo", $"d = {McDimension}, {Numbers.Count(McSamples)} Gaussian inputs; sphere {Numbers.Count(SphereSamples)} points; " +
                $"span of the weights in d = {SpanDimension}, {Numbers.Count(SpanSamples)} points, {SpanBatches} batches")
            .Parameter("resolution", "closed form within +-1 % of the Monte Carlo mean");
        Quadrature(b, rng);
        MonteCarlo(b, rng);
        return b.Decide(VerdictMethod.Statistics,
            "the arc-cosine kernels, E f, E f², E fg and the population loss agree with quadrature to 1e-10 in d = 1 and 2, " +
            "and with Monte Carlo to ±1 % in d = 6 (Gaussian and sphere) and d = 40 (in the span of the weights).",
            "kernels and loss = quadrature and Monte Carlo");
    }

    private static void Quadrature(EvidenceBuilder b, Rng rng)
    {
        var table = b.Table("Closed forms vs quadrature", "quantity", "d", "closed form", "quadrature", "error / scale");
        double kernelErr = 0;
        for (int d = 1; d <= 2; d++)
            for (int r = 0; r < 3; r++)
            {
                var w = Gaussian(d, rng);
                var v = Gaussian(d, rng);
                for (int n = 0; n <= 2; n++)
                {
                    int deg = n;
                    double closed = ArcCosineKernel.Expectation(n, w, v);
                    double quad = Expect(d, x => Power(Dot(w, x), deg) * Power(Dot(v, x), deg), [w, v]);
                    // Relative to the kernel's scale ‖w‖ⁿ‖v‖ⁿ: in d = 1 an opposite-signed pair has kernel 0 exactly.
                    double kernelScale = Math.Pow(Math.Sqrt(Dot(w, w) * Dot(v, v)), n);
                    double err = Math.Abs(closed - quad) / kernelScale;
                    kernelErr = Math.Max(kernelErr, err);
                    table.Row($"J{n} kernel, pair {r + 1}", Numbers.Count(d), Shown(closed, kernelScale), Shown(quad, kernelScale), Numbers.Error(err));
                }
            }
        b.Criterion(Criterion.Error("E[(w'x)_+^n (v'x)_+^n] (n = 0, 1, 2) vs quadrature, d = 1 and 2 (largest error / |w|^n |v|^n)",
            kernelErr, QuadratureTolerance));
        double momentErr = 0;
        foreach (var (sigma, tau) in s_pairs)
        {
            double lossErr = 0;
            for (int d = 1; d <= 2; d++)
            {
                var net = RandomNetwork(sigma, 3, d, rng, 1.0);
                var teacher = RandomNetwork(tau, 2, d, rng, 1.0);
                var kinks = Directions(net).Concat(Directions(teacher)).ToArray();
                double F(double[] x) => ReferenceNetwork.Output(sigma, net.Layout, net.Parameters, x);
                double G(double[] x) => ReferenceNetwork.Output(tau, teacher.Layout, teacher.Parameters, x);
                double ef = Expect(d, F, kinks), eff = Expect(d, x => F(x) * F(x), kinks), efg = Expect(d, x => F(x) * G(x), kinks);
                double loss = Expect(d, x => (F(x) - G(x)) * (F(x) - G(x)), kinks) + Noise;
                double cf = GaussianPopulationLoss.Mean(net), cff = GaussianPopulationLoss.SecondMoment(net),
                    cfg = GaussianPopulationLoss.CrossMoment(net, teacher);
                double cl = GaussianPopulationLoss.Exact(net, teacher, Noise);
                double scale = eff + Expect(d, x => G(x) * G(x), kinks);
                foreach (var (what, c, q) in new[] { ("E f", cf, ef), ("E f^2", cff, eff), ("E f g", cfg, efg) })
                {
                    double err = Math.Abs(c - q) / scale;
                    momentErr = Math.Max(momentErr, err);
                    table.Row($"{what}, {sigma.Describe()} / {tau.Describe()}", Numbers.Count(d), Shown(c, scale), Shown(q, scale), Numbers.Error(err));
                }
                double e = Math.Abs(cl - loss) / (scale + Noise);
                lossErr = Math.Max(lossErr, e);
                table.Row($"loss + noise, {sigma.Describe()} / {tau.Describe()}", Numbers.Count(d), Shown(cl, scale), Shown(loss, scale), Numbers.Error(e));
            }
            b.Criterion(Criterion.Error($"population loss vs quadrature, {sigma.Describe()} / {tau.Describe()}, d = 1 and 2 (error / (E f^2 + E g^2 + noise))",
                lossErr, QuadratureTolerance));
        }
        b.Criterion(Criterion.Error("E f, E f^2, E f g vs quadrature, every pair, d = 1 and 2 (error / (E f^2 + E g^2))", momentErr, QuadratureTolerance));
    }

    private static void MonteCarlo(EvidenceBuilder b, Rng rng)
    {
        int d = McDimension;
        // Kernels at the angle π/3 in a random plane, with random norms.
        var e1 = Unit(d, rng);
        var e2 = Unit(d, rng);
        double c12 = Dot(e1, e2);
        for (int k = 0; k < d; k++) e2[k] -= c12 * e1[k];
        double n2 = Math.Sqrt(Dot(e2, e2));
        double nw = 0.5 + rng.NextDouble(), nv = 0.5 + rng.NextDouble(), angle = Math.PI / 3;
        var w = e1.Select(t => nw * t).ToArray();
        var v = Enumerable.Range(0, d).Select(k => nv * (Math.Cos(angle) * e1[k] + Math.Sin(angle) * e2[k] / n2)).ToArray();
        var nets = s_pairs.Where(p => p.Net.Degree == 1)
            .Select(p => (Net: RandomNetwork(p.Net, 3, d, rng, 1 / Math.Sqrt(d)), Teacher: RandomNetwork(p.Teacher, 1, d, rng, 1 / Math.Sqrt(d)))).ToArray();
        int q = 2 + nets.Length;
        var sum = new double[q];
        var sumSq = new double[q];
        // Every unit of every network and teacher as a row of U (weights), with its signed output weight (teachers negative),
        // its σ as a (positive slope, negative slope) pair written from the definitions, and its owner.
        var units = nets.SelectMany((p, k) => new[] { (p.Net, 1.0), (p.Teacher, -1.0) }
            .SelectMany(t => Enumerable.Range(0, t.Item1.Width)
                .Select(j => (W: t.Item1.HiddenWeight(j).ToArray(), A: t.Item2 * t.Item1.OutputWeight(j), Act: t.Item1.Activation, Owner: k))))
            .ToArray();
        int count = units.Length;
        var uw = units.SelectMany(u => u.W).ToArray();
        var ua = units.Select(u => u.A).ToArray();
        var negative = units.Select(u => NegativeSlope(u.Act)).ToArray();
        var owner = units.Select(u => u.Owner).ToArray();
        var x = new double[d];
        var h = new double[nets.Length];
        for (int i = 0; i < McSamples; i++)
        {
            rng.FillGaussian(x);
            double a = 0, c = 0;
            for (int k = 0; k < d; k++)
            {
                a += w[k] * x[k];
                c += v[k] * x[k];
            }
            if (a > 0 && c > 0)
            {
                sum[0] += 1;
                sumSq[0] += 1;
                sum[1] += a * c;
                sumSq[1] += a * c * a * c;
            }
            for (int k = 0; k < h.Length; k++) h[k] = 0;
            for (int u = 0, o = 0; u < count; u++, o += d)
            {
                double z = 0;
                for (int k = 0; k < d; k++) z += uw[o + k] * x[k];
                h[owner[u]] += ua[u] * (z > 0 ? z : negative[u] * z);
            }
            for (int k = 0; k < h.Length; k++)
            {
                double e = h[k] * h[k];
                sum[2 + k] += e;
                sumSq[2 + k] += e * e;
            }
        }
        var table = b.Table($"Closed forms vs Monte Carlo (d = {d})", "quantity", "closed form", "Monte Carlo", "SE", "(MC - closed) / SE", "1 % / SE");
        var exact = new List<(string Name, double Value)>
        {
            ("J0 kernel at angle pi/3", ArcCosineKernel.Expectation(0, w, v)),
            ("J1 kernel at angle pi/3", ArcCosineKernel.Expectation(1, w, v)),
        };
        exact.AddRange(nets.Select(p => ($"loss, {p.Net.Activation.Describe()} / {p.Teacher.Activation.Describe()}",
            GaussianPopulationLoss.Exact(p.Net, p.Teacher))));
        for (int k = 0; k < q; k++)
        {
            var mean = Descriptive.MeanFromSums(sum[k], sumSq[k], McSamples);
            AddNear(b, table, $"{exact[k].Name}, d = {d}: Monte Carlo mean vs the closed form", exact[k].Value, mean.Bounds());
        }
        // Sphere of radius √d: a degree-2 homogeneous integrand has the Gaussian expectation.
        // A-14's estimator: 2^22 points drawn in the span of the weights (s = 4 of d = 40), with batch-means bounds.
        var spanNet = RandomNetwork(new Relu(), 3, SpanDimension, rng, 1 / Math.Sqrt(SpanDimension));
        var spanTeacher = RandomNetwork(new Relu(), 1, SpanDimension, rng, 1 / Math.Sqrt(SpanDimension));
        var spanBounds = BatchMeans.Bounds(SpanMonteCarlo.SquaredErrors(spanNet, spanTeacher, SpanSamples, rng), SpanBatches);
        AddNear(b, table, $"loss in the span of the weights (SpanMonteCarlo, {SpanBatches} batch means), relu / relu, d = {SpanDimension}: vs the closed form",
            GaussianPopulationLoss.Exact(spanNet, spanTeacher), spanBounds);
        var (sNet, sTeacher) = nets[0];
        var sphere = SpherePopulationLoss.MonteCarlo(sNet, xs => ReferenceNetwork.Output(sTeacher.Activation, sTeacher.Layout, sTeacher.Parameters, xs),
            SphereSamples, rng).Excess;
        AddNear(b, table, $"loss on the sphere of radius sqrt {d} (SpherePopulationLoss), {sNet.Activation.Describe()} / {sTeacher.Activation.Describe()}: " +
            $"vs the Gaussian closed form",
            GaussianPopulationLoss.Exact(sNet, sTeacher), new NormalBounds(sphere.Value, sphere.StandardError, sphere.Samples));
    }

    /// <summary>A value with 8 digits, or 0 when it is at rounding level of its scale (such digits differ between machines).</summary>
    private static string Shown(double value, double scale) => Numbers.Format(Math.Abs(value) < 1e-12 * scale ? 0 : value, 8);

    private static void AddNear(EvidenceBuilder b, TableBuilder table, string name, double exact, ConfidenceBounds bounds)
    {
        double margin = Resolution * Math.Abs(exact);
        table.Row(name, Numbers.Format(exact, 6), Numbers.Format(bounds.Estimate, 6), Numbers.Format(bounds.StandardError, 2),
            Numbers.Format((bounds.Estimate - exact) / bounds.StandardError, 3), Numbers.Format(margin / bounds.StandardError, 3));
        b.Criterion(Criterion.Statistical(name, bounds, Region.Near(exact, margin)));
    }

    /// <summary>σ(z) = z for z &gt; 0 and (this)·z for z ≤ 0, for the degree-1 activations (definitions: ReLU 0, leaky α, |z| −1).</summary>
    private static double NegativeSlope(Activation act) => act switch
    {
        Relu => 0,
        LeakyRelu l => l.Slope,
        AbsoluteValue => -1,
        _ => throw new ArgumentException($"no degree-1 definition written for {act}"),
    };

    private static double Expect(int d, Func<double[], double> f, IReadOnlyList<double[]> directions)
    {
        var x = new double[d];
        if (d == 1) return GaussianQuadrature.Line(t => { x[0] = t; return f(x); }, [0.0]);
        var kinks = directions.SelectMany(u => GaussianQuadrature.KinkAngles(u[0], u[1]));
        return GaussianQuadrature.Plane((a, c) => { x[0] = a; x[1] = c; return f(x); }, kinks);
    }

    private static IEnumerable<double[]> Directions(TwoLayerNetwork net) => Enumerable.Range(0, net.Width).Select(j => net.HiddenWeight(j).ToArray());

    private static TwoLayerNetwork RandomNetwork(Activation act, int m, int d, Rng rng, double scale)
    {
        var a = new double[m];
        rng.FillGaussian(a);
        var rows = new IReadOnlyList<double>[m];
        for (int j = 0; j < m; j++) rows[j] = Gaussian(d, rng).Select(t => scale * t).ToArray();
        return TwoLayerNetwork.FromWeights(act, a, rows);
    }

    private static double[] Gaussian(int d, Rng rng)
    {
        var v = new double[d];
        rng.FillGaussian(v);
        return v;
    }

    private static double[] Unit(int d, Rng rng)
    {
        var v = Gaussian(d, rng);
        double n = Math.Sqrt(Dot(v, v));
        return v.Select(t => t / n).ToArray();
    }

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double s = 0;
        for (int k = 0; k < a.Length; k++) s += a[k] * b[k];
        return s;
    }

    /// <summary>z₊ⁿ, with z₊⁰ = 1{z &gt; 0}.</summary>
    private static double Power(double z, int n)
    {
        if (z <= 0) return 0;
        double r = 1;
        for (int i = 0; i < n; i++) r *= z;
        return r;
    }
}
