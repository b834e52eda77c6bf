using Flatness.Inputs;
using Flatness.Numerics.Networks;
using Flatness.Numerics.Tests.Support;

namespace Flatness.Inputs.Tests;

public class ModelFileTests
{
    [TestCaseSource(typeof(Cases), nameof(Cases.All), new object[] { 3, 2, 3 })]
    public void SerializeThenParse_RoundTripsEveryParameterExactly(TestNet c)
    {
        var back = ModelFile.Parse(ModelFile.Serialize(c.Network));
        Assert.That(back.Parameters.ToArray(), Is.EqualTo(c.Network.Parameters.ToArray()));
        Assert.That(back.Layout, Is.EqualTo(c.Network.Layout));
        Assert.That(back.Activation, Is.EqualTo(c.Network.Activation));
    }

    [Test]
    public void Parse_ReadsTheDocumentedFormat()
    {
        var net = ModelFile.Parse("""
            {"activation": {"name": "leaky_relu", "slope": 0.1},
             "outputWeights": [1.5, -2], "hiddenWeights": [[1, 2, 3], [4, 5, 6]],
             "hiddenBiases": [0.1, 0.2], "outputBias": 0.3}
            """);
        Assert.Multiple(() =>
        {
            Assert.That(net.Activation, Is.InstanceOf<LeakyRelu>());
            Assert.That(((LeakyRelu)net.Activation).Slope, Is.EqualTo(0.1));
            Assert.That(net.Width, Is.EqualTo(2));
            Assert.That(net.InputDimension, Is.EqualTo(3));
            Assert.That(net.HiddenBias(1), Is.EqualTo(0.2));
            Assert.That(net.OutputBias, Is.EqualTo(0.3));
        });
    }

    [TestCase("{", "malformed JSON")]
    [TestCase("[]", "must be a JSON object")]
    [TestCase("""{"activation": {"name": "swish"}, "outputWeights": [1], "hiddenWeights": [[1]]}""", "unknown activation \"swish\"")]
    [TestCase("""{"activation": {"name": "relu"}, "outputWeights": [1, 2], "hiddenWeights": [[1, 2], [3]]}""", "ragged")]
    [TestCase("""{"activation": {"name": "relu"}, "outputWeights": [1], "hiddenWeights": [[1], [2]]}""", "1 output weights but 2 rows")]
    [TestCase("""{"activation": {"name": "relu"}, "outputWeights": [1], "hiddenWeights": [[NaN]]}""", "malformed JSON")]
    [TestCase("""{"activation": {"name": "relu"}, "outputWeights": [1e999], "hiddenWeights": [[1]]}""", "not a finite number")]
    [TestCase("""{"activation": {"name": "relu"}, "outputWeights": ["1"], "hiddenWeights": [[1]]}""", "must be a number")]
    [TestCase("""{"activation": {"name": "relu"}, "hiddenWeights": [[1]]}""", "missing required property \"outputWeights\"")]
    [TestCase("""{"activation": {"name": "relu"}, "outputWeights": [1], "hiddenWeights": [[1]], "hiddenBiases": [1, 2]}""", "1 neurons but 2 hidden biases")]
    [TestCase("""{"activation": {"name": "relu"}, "outputWeights": [], "hiddenWeights": []}""", "at least one neuron")]
    [TestCase("""{"activation": {"name": "leaky_relu"}, "outputWeights": [1], "hiddenWeights": [[1]]}""", "slope")]
    [TestCase("""{"activation": {"name": "relu_power", "degree": 2.5}, "outputWeights": [1], "hiddenWeights": [[1]]}""", "must be an integer")]
    [TestCase("""{"activation": {"name": "relu"}, "outputWeights": [1], "hiddenWeights": [[1]], "outputbias": 1}""", "unknown property \"outputbias\"")]
    public void Parse_RejectsBadModels_WithAMessageNamingTheSourceAndProblem(string json, string expected)
    {
        var ex = Assert.Throws<InputException>(() => ModelFile.Parse(json, "model.json"))!;
        Assert.That(ex.Message, Does.StartWith("model.json: "));
        Assert.That(ex.Message, Does.Contain(expected));
    }

    [Test]
    public void Read_MissingFile_IsAnInputError() =>
        Assert.That(() => ModelFile.Read("/nonexistent/model.json"), Throws.TypeOf<InputException>().With.Message.Contains("file not found"));
}

public class ModelFileStrictnessTests
{
    [TestCase("{\"activation\":{\"name\":\"relu\"},\"outputWeights\":[1],\"outputWeights\":[2],\"hiddenWeights\":[[1]]}", "\"outputWeights\" appears twice")]
    [TestCase("{\"activation\":{\"name\":\"relu\",\"name\":\"abs\"},\"outputWeights\":[1],\"hiddenWeights\":[[1]]}", "\"activation.name\" appears twice")]
    [TestCase("{\"activation\":{\"name\":\"relu\",\"slope\":0.1},\"outputWeights\":[1],\"hiddenWeights\":[[1]]}", "\"relu\" has no property \"slope\"")]
    [TestCase("{\"activation\":{\"name\":\"abs\",\"degree\":2},\"outputWeights\":[1],\"hiddenWeights\":[[1]]}", "\"abs\" has no property \"degree\"")]
    [TestCase("{\"activation\":{\"name\":\"leaky_relu\",\"slope\":0.1,\"degree\":2},\"outputWeights\":[1],\"hiddenWeights\":[[1]]}", "has no property \"degree\"")]
    [TestCase("{\"activation\":{\"name\":\"gelu\",\"slope\":0.1},\"outputWeights\":[1],\"hiddenWeights\":[[1]]}", "\"gelu\" has no property \"slope\"")]
    [TestCase("{\"activation\":{\"name\":\"tanh\",\"degree\":1},\"outputWeights\":[1],\"hiddenWeights\":[[1]]}", "\"tanh\" has no property \"degree\"")]
    [TestCase("{\"activation\":{\"name\":\"silu\",\"approximate\":\"tanh\"},\"outputWeights\":[1],\"hiddenWeights\":[[1]]}", "unknown activation property \"approximate\"")]
    public void Parse_RejectsDuplicateKeysAndForeignActivationProperties(string json, string expected)
    {
        var ex = Assert.Throws<Flatness.Inputs.InputException>(() => Flatness.Inputs.ModelFile.Parse(json, "m.json"))!;
        Assert.That(ex.Message, Does.StartWith("m.json: ").And.Contain(expected));
    }

    [TestCase("relu", "relu")]
    [TestCase("leaky_relu:0.1", "leaky_relu(0.1)")]
    [TestCase("relu_power:2", "relu_power(2)")]
    [TestCase("gelu", "gelu")]
    [TestCase("gelu_tanh", "gelu_tanh")]
    [TestCase("silu", "silu")]
    [TestCase("tanh", "tanh")]
    public void ParseActivation_UsesTheModelJsonVocabulary(string text, string described)
    {
        Assert.That(Flatness.Inputs.ModelInput.ParseActivation(text).Describe(), Does.StartWith(described.Split('(')[0]));
    }

    [TestCase("relu:2")]
    [TestCase("leaky_relu")]
    [TestCase("relu_power:x")]
    [TestCase("swish")]
    [TestCase("gelu:0.1")]
    [TestCase("tanh:2")]
    [TestCase("gelu_tanh:")]
    public void ParseActivation_RejectsBadText(string text) =>
        Assert.Throws<ArgumentException>(() => Flatness.Inputs.ModelInput.ParseActivation(text));
}
