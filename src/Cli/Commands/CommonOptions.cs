using System.CommandLine;
using Flatness.Inputs;
using Flatness.Numerics.Measurement;
using Flatness.Numerics.Networks;

namespace Flatness.Cli.Commands;

/// <summary>What <see cref="ModelAndDataOptions.ReadAll"/> read.</summary>
internal sealed record ModelAndData(LoadedModel Model, Dataset Data, LossConvention Loss)
{
    public TwoLayerNetwork Network => Model.Network;
}

/// <summary>Options shared by the commands that read a model and data.</summary>
internal sealed class ModelAndDataOptions
{
    public Option<string> Model { get; } = new("--model")
    {
        Description = "Model file: model JSON (see README, 'Model format') or a safetensors state_dict of "
            + "nn.Sequential(nn.Linear(d, m), act, nn.Linear(m, 1)); the format is read from the content.",
        Required = true,
    };

    public Option<string?> Data { get; } = new("--data") { Description = "Data: CSV (a header row, the d input columns, " +
        "then the target) or a .npy n×(d+1) array, targets last." };
    public Option<bool> NoHeader { get; } = new("--no-header") { Description = "The CSV data has no header row: the first row is a sample." };
    public Option<string?> Inputs { get; } = new("--inputs") { Description = "Inputs as a .npy n×d array (with --targets, instead of --data)." };
    public Option<string?> Targets { get; } = new("--targets") { Description = "Targets as a .npy array of n values (with --inputs)." };
    public Option<string?> Activation { get; } = new("--activation") { Description = "Activation of a safetensors model: relu, abs, leaky_relu:SLOPE, " +
        "relu_power:DEGREE, gelu, gelu_tanh, silu or tanh." };
    public Option<string?> TensorNames { get; } = new("--tensor-names")
    {
        Description = "Safetensors keys as role=key pairs, e.g. hidden.weight=fc1.weight,hidden.bias=fc1.bias,output.weight=fc2.weight,output.bias=fc2.bias "
            + "(default: 0.weight, 0.bias, 2.weight, 2.bias).",
    };

    public Option<string> Loss { get; } = new("--loss")
    {
        Description = "Loss normalisation: mse = (1/n)Σr² (default), half-mse = (1/2n)Σr².",
        DefaultValueFactory = _ => "mse",
    };

    public ModelAndDataOptions() => Loss.AcceptOnlyFromAmong("mse", "half-mse");

    public void AddTo(Command command)
    {
        command.Add(Model);
        command.Add(Data);
        command.Add(NoHeader);
        command.Add(Inputs);
        command.Add(Targets);
        command.Add(Activation);
        command.Add(TensorNames);
        command.Add(Loss);
    }

    /// <summary>Reads and cross-checks the model and the data.</summary>
    /// <exception cref="InputException">Any problem with either file, or mismatched dimensions.</exception>
    public (TwoLayerNetwork Network, Dataset Data, LossConvention Loss) Read(ParseResult parse, TextWriter? log = null)
    {
        var all = ReadAll(parse, log);
        LastRead = all;
        return (all.Network, all.Data, all.Loss);
    }

    /// <summary>What the last <see cref="Read"/> read (for <see cref="NoteRead"/>).</summary>
    public ModelAndData? LastRead { get; private set; }

    /// <summary>After a successful command, notes how the model of the last <see cref="Read"/> was stored (see <see cref="Note"/>).</summary>
    public void NoteRead(ParseResult parse, TextWriter log)
    {
        if (LastRead is not null) Note(parse, this, LastRead.Model, log);
    }

    /// <summary>Reads and cross-checks the model and the data, keeping how the model was stored.</summary>
    /// <exception cref="InputException">Any problem with either file, conflicting options, or mismatched dimensions.</exception>
    public ModelAndData ReadAll(ParseResult parse, TextWriter? log = null)
    {
        string modelPath = parse.GetRequiredValue(Model);
        string? dataPath = parse.GetValue(Data), inputsPath = parse.GetValue(Inputs), targetsPath = parse.GetValue(Targets);
        if (dataPath is not null && (inputsPath ?? targetsPath) is not null)
            throw new InputException("--data", "give either --data or --inputs with --targets, not both");
        if (dataPath is null && (inputsPath is null || targetsPath is null))
            throw new InputException(inputsPath is null && targetsPath is null ? "--data" : inputsPath is null ? "--inputs" : "--targets",
                "the data is missing: give --data FILE, or --inputs X.npy with --targets y.npy");
        if (parse.GetValue(NoHeader) && dataPath is null) throw new InputException("--no-header", "applies to CSV given with --data");
        Activation? activation = null;
        if (parse.GetValue(Activation) is string a)
        {
            try
            {
                activation = ModelInput.ParseActivation(a);
            }
            catch (ArgumentException ex)
            {
                throw new InputException("--activation", ex.Message);
            }
        }
        Flatness.Inputs.TensorNames? names = null;
        if (parse.GetValue(TensorNames) is string t)
        {
            try
            {
                names = Flatness.Inputs.TensorNames.Parse(t);
            }
            catch (ArgumentException ex)
            {
                throw new InputException("--tensor-names", ex.Message);
            }
        }
        var model = ModelInput.Read(modelPath, activation, names);
        var data = dataPath is not null ? DataInput.Read(dataPath, !parse.GetValue(NoHeader)) : DataInput.Read(inputsPath!, targetsPath!);
        string dataName = dataPath ?? inputsPath!;
        if (data.InputDimension != model.Network.InputDimension)
            throw new InputException(dataName,
                $"{data.InputDimension} input columns (plus the target), but the model in {modelPath} has input dimension {model.Network.InputDimension}");
        return new ModelAndData(model, data, LossConventions.Parse(parse.GetValue(Loss) ?? "mse"));
    }

    /// <summary>The file the user gave for <paramref name="source"/>: the model, or the data file (the inputs' or the
    /// targets' .npy file when they were given apart), so that an error about values names the file that holds them.</summary>
    public string PathOf(ParseResult parse, PreflightSource source) => source switch
    {
        PreflightSource.Inputs => parse.GetValue(Data) ?? parse.GetValue(Inputs) ?? parse.GetRequiredValue(Model),
        PreflightSource.Targets => parse.GetValue(Data) ?? parse.GetValue(Targets) ?? parse.GetRequiredValue(Model),
        _ => parse.GetRequiredValue(Model),
    };

    /// <summary>After a successful command: one line on standard error saying how a safetensors model was read (its
    /// dtype). Nothing for a model JSON. Written last so that a failing command prints only its error line.</summary>
    public static void Note(ParseResult parse, ModelAndDataOptions options, LoadedModel model, TextWriter log)
    {
        if (model.Format == ModelFormat.Safetensors) log.WriteLine($"read {parse.GetRequiredValue(options.Model)}: {model.Description}");
    }
}
