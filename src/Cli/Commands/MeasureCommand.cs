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
            var (network, data, loss) = shared.Read(parse, io.Error);
            var options = new MeasurementOptions(loss, parse.GetValue(spectrum));
            string modelPath = parse.GetRequiredValue(shared.Model);
            if (MeasurementPreflight.Refusal(network, data, options) is string refusal) throw new InputException(modelPath, refusal);
            FlatnessReport report;
            try
            {
                report = FlatnessMeasurement.Measure(network, data, options);
            }
            catch (ArgumentException ex)
            {
                throw new InputException(modelPath, ex.Message);
            }
            RequireFinite(report, modelPath);
            if (parse.GetValue(json)) io.Out.WriteLine(ToJson(report));
            else WriteTable(report, io);
            shared.NoteRead(parse, io.Error);
            return Program.Success;
        });
        return command;
    }

    /// <summary>A non-finite result is an error naming the model, never a printed NaN or null.</summary>
    private static void RequireFinite(FlatnessReport r, string modelPath)
    {
        Finite.Require([r.LossValue, r.MaxAbsResidual], modelPath, "the loss");
        Finite.Require([r.Trace.Trace, r.Trace.GaussNewtonTrace, r.Trace.ResidualTrace], modelPath, "the Hessian trace");
        Finite.Require([r.Extremes.LambdaMax, r.Extremes.LambdaMin], modelPath, "an extreme eigenvalue");
        Finite.Require(r.Orbit.Value, modelPath, "the orbit-minimal trace");
        if (r.Eigenvalues is not null) Finite.Require(r.Eigenvalues.ToArray(), modelPath, "an eigenvalue of the spectrum");
    }

    internal static string StatusName(OrbitMinimumStatus status) => status switch
    {
        OrbitMinimumStatus.Attained => "attained",
        OrbitMinimumStatus.NotAttained => "not-attained",
        _ => "unbounded-below",
    };

    internal static string ToJson(FlatnessReport r) => JsonText.Write(w =>
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
        w.WriteEndObject();
    });

    private static string F(double v) => v.ToString("G10", CultureInfo.InvariantCulture);

    private static void WriteTable(FlatnessReport r, CommandIO io)
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
        console.Write(table);
        if (r.Eigenvalues is not null)
            console.WriteLine(Markup.Escape($"eigenvalues ({(r.SpectrumMethod == SpectrumMethod.Dense ? "dense" : "Gram")}, ascending): "
                + string.Join(" ", r.Eigenvalues.Select(F))));
    }
}
