using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Flatness.Numerics.Curvature;
using Flatness.Numerics.IO;
using Flatness.Numerics.Measurement;
using Flatness.Numerics.Networks;
using Spectre.Console;

namespace Flatness.Cli.Commands;

/// <summary><c>flatness measure</c>: every flatness quantity of the user's network on the user's data.</summary>
internal static class MeasureCommand
{
    public static Command Create(CommandIO io)
    {
        var shared = new ModelAndDataOptions();
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of a table." };
        var spectrum = new Option<bool>("--spectrum") { Description = "Also compute all P Hessian eigenvalues (ascending)." };
        var command = new Command("measure", "Exact Hessian trace, Gauss-Newton trace, extreme eigenvalues, orbit-minimal trace and kink distance.");
        shared.AddTo(command);
        command.Add(json);
        command.Add(spectrum);
        command.SetAction(parse =>
        {
            var (network, data, loss) = shared.Read(parse);
            FlatnessReport report;
            PaperBReport paperB;
            try
            {
                report = FlatnessMeasurement.Measure(network, data, new MeasurementOptions(loss, parse.GetValue(spectrum)));
                paperB = PaperBMeasurement.Measure(network, data);
            }
            catch (ArgumentException ex)
            {
                throw new InputException(parse.GetRequiredValue(shared.Model), ex.Message);
            }
            if (parse.GetValue(json)) io.Out.WriteLine(ToJson(report, paperB));
            else WriteTable(report, io, paperB);
            return Program.Success;
        });
        return command;
    }

    internal static string StatusName(OrbitMinimumStatus status) => status switch
    {
        OrbitMinimumStatus.Attained => "attained",
        OrbitMinimumStatus.NotAttained => "not-attained",
        _ => "unbounded-below",
    };

    internal static string ToJson(FlatnessReport r, PaperBReport? paperB = null) => JsonText.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("activation", r.Activation.Describe());
        w.WriteNumber("degree", r.Activation.Degree);
        w.WriteString("lossConvention", r.Loss.Name());
        w.WriteNumber("nu", r.Loss.Nu());
        w.WriteNumber("samples", r.Samples);
        w.WriteNumber("inputDimension", r.InputDimension);
        w.WriteNumber("width", r.Width);
        w.WriteNumber("parameters", r.Parameters);
        w.Number("loss", r.LossValue);
        w.Number("maxAbsResidual", r.MaxAbsResidual);
        w.WriteBoolean("interpolating", r.Interpolating);
        w.Number("hessianTrace", r.Trace.Trace);
        w.Number("gaussNewtonTrace", r.Trace.GaussNewtonTrace);
        w.Number("residualTrace", r.Trace.ResidualTrace);
        w.Number("lambdaMax", r.Extremes.LambdaMax);
        w.Number("lambdaMin", r.Extremes.LambdaMin);
        w.WriteStartObject("lanczos");
        w.WriteNumber("iterations", r.Extremes.Iterations);
        w.WriteBoolean("converged", r.Extremes.Converged);
        w.Number("residualMax", r.Extremes.ResidualMax);
        w.Number("residualMin", r.Extremes.ResidualMin);
        w.WriteEndObject();
        w.Number("maxStableLearningRate", r.MaxStableLearningRate);
        w.Number("orbitMinimalTrace", r.Orbit.Value);
        w.WriteString("orbitMinimalTraceStatus", StatusName(r.Orbit.Status));
        w.Number("orbitInfimum", r.Orbit.Status == OrbitMinimumStatus.UnboundedBelow ? null : r.Orbit.Infimum);
        w.WriteString("orbitNote", r.Orbit.Reason);
        w.Number("minAbsPreactivation", r.Kink.MinAbsPreactivation);
        w.WriteBoolean("onKink", r.Kink.OnKink);
        if (r.Eigenvalues is not null)
        {
            w.WriteString("spectrumMethod", r.SpectrumMethod == SpectrumMethod.Dense ? "dense" : "gram");
            w.WriteStartArray("eigenvalues");
            foreach (double v in r.Eigenvalues) w.WriteNumberValue(v);
            w.WriteEndArray();
        }
        if (paperB is not null) WritePaperB(w, paperB);
        w.WriteEndObject();
    });

    // Paper B (spec §3–§5, §8): |f|_{V_g}, the raw path norm, Theorem 3.2 with the 1/(2n) loss, activation rates.
    // "activationRates", not "activation": that key already names the activation function.
    private static void WritePaperB(Utf8JsonWriter w, PaperBReport b)
    {
        w.Number("weightedVariation", b.WeightedVariation);
        w.Number("weightedPathNorm", b.WeightedPathNorm);
        if (b.Theorem32 is { } t)
        {
            w.WriteStartObject("theorem32");
            w.Number("radius", t.Radius);
            w.Number("lambdaMax", t.LambdaMax);
            w.Number("halfMseLoss", t.HalfMseLoss);
            w.Number("bound", t.Bound);
            w.Number("slack", t.Slack);
            w.WriteBoolean("holds", t.Holds);
            w.WriteString("lambdaMaxMethod", t.Method);
            w.WriteEndObject();
        }
        else w.WriteNull("theorem32");
        if (b.Activation is { } a)
        {
            w.WriteStartObject("activationRates");
            w.Number("partiallyActiveShare", a.PartiallyActiveShare);
            w.Number("medianRate", a.MedianRate);
            w.WriteEndObject();
        }
        else w.WriteNull("activationRates");
        if (b.Reason is null) w.WriteNull("paperBNote");
        else w.WriteString("paperBNote", b.Reason);
    }

    private static string F(double v) => v.ToString("G10", CultureInfo.InvariantCulture);

    private static void WriteTable(FlatnessReport r, CommandIO io, PaperBReport b)
    {
        var console = Terminal.Create(io);
        var table = new Table().AddColumn("quantity").AddColumn(new TableColumn("value").RightAligned()).AddColumn("note");
        table.AddRow("samples n / input d / width m", $"{r.Samples} / {r.InputDimension} / {r.Width}", "");
        table.AddRow("parameters P", r.Parameters.ToString(CultureInfo.InvariantCulture), "");
        table.AddRow("activation (degree k)", Markup.Escape($"{r.Activation.Describe()} ({r.Activation.Degree})"), "");
        table.AddRow("loss", F(r.LossValue), Markup.Escape($"{r.Loss.Name()} (nu = {r.Loss.Nu()}), max |r_i| = {F(r.MaxAbsResidual)}{(r.Interpolating ? ", interpolating" : "")}"));
        table.AddRow("Hessian trace", F(r.Trace.Trace), "exact, closed form (spec F1)");
        table.AddRow("Gauss-Newton trace", F(r.Trace.GaussNewtonTrace), Markup.Escape($"residual part {F(r.Trace.ResidualTrace)}"));
        table.AddRow("lambda_max", F(r.Extremes.LambdaMax), Markup.Escape($"Lanczos, {r.Extremes.Iterations} products, residual {r.Extremes.ResidualMax:G2}{(r.Extremes.Converged ? "" : ", NOT converged")}"));
        table.AddRow("lambda_min", F(r.Extremes.LambdaMin), Markup.Escape($"residual {r.Extremes.ResidualMin:G2}"));
        table.AddRow("max stable learning rate 2/lambda_max", r.MaxStableLearningRate is double eta ? F(eta) : "none", "");
        table.AddRow("orbit-minimal trace", r.Orbit.Value is double v ? F(v) : "does not exist", Markup.Escape(r.Orbit.Reason));
        table.AddRow("min |w_j.x_i + b_j|", F(r.Kink.MinAbsPreactivation), r.Kink.OnKink ? "a sample lies on a kink: the Hessian is undefined there" : "");
        if (b.Theorem32 is { } t && b.Activation is { } a)
        {
            table.AddRow("|f|_Vg (paper B)", F(b.WeightedVariation!.Value), Markup.Escape($"reduced, empirical weight; raw weighted path norm {F(b.WeightedPathNorm!.Value)}"));
            table.AddRow("Theorem 3.2 bound", F(t.Bound), Markup.Escape($"lambda_max(1/(2n) loss) {F(t.LambdaMax)} ({t.Method}), R = {F(t.Radius)}; slack {F(t.Slack)}{(t.Holds ? ", holds" : ", VIOLATED")}"));
            table.AddRow("share of neurons with 0 < r_k < 1", F(a.PartiallyActiveShare), Markup.Escape($"median activation rate {F(a.MedianRate)}"));
        }
        else table.AddRow("paper B quantities", "n/a", Markup.Escape(b.Reason ?? ""));
        console.Write(table);
        if (r.Eigenvalues is not null)
            console.WriteLine(Markup.Escape($"eigenvalues ({(r.SpectrumMethod == SpectrumMethod.Dense ? "dense" : "Gram")}, ascending): "
                + string.Join(" ", r.Eigenvalues.Select(F))));
    }
}
