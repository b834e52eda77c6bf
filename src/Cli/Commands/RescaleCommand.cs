using System.CommandLine;
using Flatness.Numerics.Curvature;
using Flatness.Inputs;
using Flatness.Numerics.Measurement;

namespace Flatness.Cli.Commands;

/// <summary><c>flatness rescale --balance</c>: writes the balanced network (same function, trace = orbit minimum).</summary>
internal static class RescaleCommand
{
    public static Command Create(CommandIO io)
    {
        var shared = new ModelAndDataOptions();
        var balance = new Option<bool>("--balance") { Description = "Rescale every neuron to the point that attains the orbit-minimal trace (required)." };
        var output = new Option<string?>("--out")
        {
            Description = "Write the model here (atomically) instead of standard output: FILE.safetensors writes a safetensors state_dict "
                + "(the input's keys and dtypes when it was one), any other name the model JSON.",
        };
        var command = new Command("rescale", "Apply the per-neuron rescaling symmetry; with --balance, the one that minimises the Hessian trace.");
        shared.AddTo(command);
        command.Add(balance);
        command.Add(output);
        command.SetAction(parse =>
        {
            if (!parse.GetValue(balance))
                throw new InputException("rescale", "say --balance (the only rescaling implemented: the orbit-minimal one)");
            string? path = parse.GetValue(output);
            if (path is not null) EnsureWritableTarget(path);
            var input = shared.ReadAll(parse, io.Error);
            string modelPath = parse.GetRequiredValue(shared.Model);
            if (OrbitMinimalTrace.NotApplicable(input.Network.Activation) is string notHomogeneous)
                throw new InputException(modelPath, $"rescale needs a positively homogeneous activation (relu, leaky_relu, abs, relu_power): {notHomogeneous}");
            if (MeasurementPreflight.Check(input.Network, input.Data, new MeasurementOptions(input.Loss)) is { } refusal)
                throw new InputException(shared.PathOf(parse, refusal.Source), refusal.Message);
            var orbit = OrbitMinimalTrace.Compute(input.Network, input.Data, input.Loss);
            if (orbit.Status != OrbitMinimumStatus.Attained)
            {
                io.Error.WriteLine($"error: no balanced network exists: {orbit.Reason}");
                return Program.Failure;
            }
            var balanced = PerNeuronRescaling.Apply(input.Network, orbit.Rescaling());
            Finite.Require(balanced.Parameters, modelPath, "the balanced network's parameters");
            if (path is null)
            {
                io.Out.Write(ModelFile.Serialize(balanced));
                ModelAndDataOptions.Note(parse, shared, input.Model, io.Error);
                return Program.Success;
            }
            byte[] content;
            if (path.EndsWith(".safetensors", StringComparison.OrdinalIgnoreCase))
            {
                try
                {
                    content = input.Model.Safetensors is SafetensorsModel st ? st.Serialize(balanced) : SafetensorsModel.Serialize(balanced);
                }
                catch (ArgumentException ex)
                {
                    throw new InputException(path, $"cannot write the balanced network: {ex.Message}");
                }
            }
            else content = new System.Text.UTF8Encoding(false).GetBytes(ModelFile.Serialize(balanced));
            try
            {
                AtomicFile.WriteAllBytes(path, content);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new InputException(path, $"cannot write: {InputFiles.Reason(ex)}");
            }
            ModelAndDataOptions.Note(parse, shared, input.Model, io.Error);
            return Program.Success;
        });
        return command;
    }

    private static void EnsureWritableTarget(string path)
    {
        string? dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (Directory.Exists(path)) throw new InputException(path, "cannot write: it is a folder");
        if (dir is not null && !Directory.Exists(dir)) throw new InputException(path, "cannot write: the folder does not exist");
    }
}
