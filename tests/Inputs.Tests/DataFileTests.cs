using Flatness.Inputs;

namespace Flatness.Inputs.Tests;

public class DataFileTests
{
    [Test]
    public void Parse_ReadsHeaderInputsAndTarget()
    {
        var data = DataFile.Parse("x1,x2,y\r\n1,2,3\n-1.5,2e-3,0\n\n");
        Assert.Multiple(() =>
        {
            Assert.That(data.Count, Is.EqualTo(2));
            Assert.That(data.InputDimension, Is.EqualTo(2));
            Assert.That(data.Input(1).ToArray(), Is.EqualTo(new[] { -1.5, 2e-3 }));
            Assert.That(data.Target(0), Is.EqualTo(3.0));
        });
    }

    [Test]
    public void FormatThenParse_RoundTrips()
    {
        var data = DataFile.Parse("a,b\n0.1,0.2\n1e-300,-7\n");
        var back = DataFile.Parse(DataFile.Format(data));
        Assert.That(back.Inputs.ToArray(), Is.EqualTo(data.Inputs.ToArray()));
        Assert.That(back.Targets.ToArray(), Is.EqualTo(data.Targets.ToArray()));
    }

    [TestCase("", "empty")]
    [TestCase("x,y\n", "no data rows")]
    [TestCase("y\n1\n", "need at least one input column")]
    [TestCase("x,y\n1,2,3\n", "line 2 has 3 columns, the header has 2")]
    [TestCase("x,y\n1,abc\n", "line 2, column 2: \"abc\" is not a number")]
    [TestCase("x,y\n1,NaN\n", "not a finite number")]
    [TestCase("x,y\nInfinity,1\n", "not a finite number")]
    [TestCase("x,y\n1e999,1\n", "not a finite number")]
    [TestCase("x,y\n1,\n", "is not a number")]
    public void Parse_RejectsBadData_WithAMessageNamingTheSourceAndProblem(string csv, string expected)
    {
        var ex = Assert.Throws<InputException>(() => DataFile.Parse(csv, "data.csv"))!;
        Assert.That(ex.Message, Does.StartWith("data.csv: "));
        Assert.That(ex.Message, Does.Contain(expected));
    }
}

public class DataFileHeaderTests
{
    [Test]
    public void Parse_RejectsAHeaderOfNumbers_NamingNoHeader()
    {
        var ex = Assert.Throws<InputException>(() => DataFile.Parse("1,2,3\n4,5,6\n", "d.csv"))!;
        Assert.That(ex.Message, Does.StartWith("d.csv: line 1:").And.Contain("--no-header"));
    }

    [Test]
    public void Parse_WithoutHeader_KeepsTheFirstSample()
    {
        var data = DataFile.Parse("\n1,2,3\n4,5,6\n", "d.csv", hasHeader: false);
        Assert.Multiple(() =>
        {
            Assert.That(data.Count, Is.EqualTo(2));
            Assert.That(data.Inputs.ToArray(), Is.EqualTo(new[] { 1.0, 2, 4, 5 }));
            Assert.That(data.Targets.ToArray(), Is.EqualTo(new[] { 3.0, 6 }));
        });
    }

    [TestCase("", "empty")]
    [TestCase("1,2\n1,2,3\n", "line 2 has 3 columns, the first row has 2")]
    [TestCase("5\n", "line 1 has 1 column")]
    public void Parse_WithoutHeader_RejectsBadData(string csv, string expected)
    {
        var ex = Assert.Throws<InputException>(() => DataFile.Parse(csv, "d.csv", hasHeader: false))!;
        Assert.That(ex.Message, Does.StartWith("d.csv: ").And.Contain(expected));
    }

    [Test]
    public void Read_StreamsAFileWithBomCrLfQuotesAndBlankLines()
    {
        string path = Path.Combine(Path.GetTempPath(), $"flatness-datafile-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, "\uFEFFx1,\"x2\",y\r\n1, 2 ,3\r\n\r\n\"-1.5\",2e-3,0\r\n");
        try
        {
            var data = DataFile.Read(path);
            Assert.That(data.Inputs.ToArray(), Is.EqualTo(new[] { 1.0, 2, -1.5, 2e-3 }));
            Assert.That(data.Targets.ToArray(), Is.EqualTo(new[] { 3.0, 0 }));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void Read_ManyRows_CrossesBlockBoundaries()
    {
        // 3 columns × 50 000 rows = 150 000 values: more than two 65 536-value blocks of ChunkedDoubles.
        var sb = new System.Text.StringBuilder("a,b,y\n");
        for (int i = 0; i < 50_000; i++) sb.Append(i).Append(',').Append(-i).Append(',').Append(i * 0.5).Append('\n');
        var data = DataFile.Parse(sb.ToString());
        Assert.Multiple(() =>
        {
            Assert.That(data.Count, Is.EqualTo(50_000));
            Assert.That(data.Input(43_690).ToArray(), Is.EqualTo(new[] { 43_690.0, -43_690 }));
            Assert.That(data.Target(49_999), Is.EqualTo(49_999 * 0.5));
        });
    }

    [Test]
    public void Read_MissingFileAndFolder_NameTheFile()
    {
        var ex = Assert.Throws<InputException>(() => DataFile.Read("/nonexistent-flatness/d.csv"))!;
        Assert.That(ex.Message, Does.StartWith("/nonexistent-flatness/d.csv: file not found"));
        var ex2 = Assert.Throws<InputException>(() => DataFile.Read(Path.GetTempPath()))!;
        Assert.That(ex2.Message, Does.Contain("is a folder"));
    }
}

/// <summary>Sep's own limit, a row of at most <see cref="DataFile.RowLengthLimit"/> characters, is refused like any other
/// malformed input: an <see cref="InputException"/> naming the file and the line the row starts on.</summary>
public class DataFileRowLimitTests
{
    /// <summary>A row of <paramref name="length"/> characters that is a valid sample: "0.5,1,y" with y padded by spaces
    /// (cells are trimmed), so only its length can make it fail.</summary>
    private static string LongSample(int length) => "0.5,1," + new string(' ', length - 9) + "1.2";

    [Test]
    public void RowBeyondTheLimit_NamesTheFileAndItsLine_FromAFileAndFromText()
    {
        string csv = "x1,x2,y\n0.5,1.0,1.2\n\n" + LongSample(DataFile.RowLengthLimit + 1000) + "\n1,2,3\n";
        string path = Path.Combine(Path.GetTempPath(), $"flatness-longrow-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, csv);
        try
        {
            var fromFile = Assert.Throws<InputException>(() => DataFile.Read(path))!;
            Assert.That(fromFile.Message, Does.StartWith($"{path}: line 4 is longer than 16777216 characters"));
        }
        finally
        {
            File.Delete(path);
        }
        var fromText = Assert.Throws<InputException>(() => DataFile.Parse(csv, "d.csv"))!;
        Assert.That(fromText.Message, Does.StartWith("d.csv: line 4 is longer than 16777216 characters").And.Contain("line breaks"));
    }

    [TestCase(true, "x1,x2,y")]
    [TestCase(false, "1,2,3")]
    public void RowBeyondTheLimit_RightAfterTheFirstRow_IsLineTwo(bool hasHeader, string first)
    {
        // The first row is where Sep 0.17.1's line numbers are off by one (see DataFile.Parse); the next row must still be line 2.
        var ex = Assert.Throws<InputException>(() => DataFile.Parse(first + "\n" + LongSample(DataFile.RowLengthLimit + 1000) + "\n", "d.csv", hasHeader))!;
        Assert.That(ex.Message, Does.StartWith("d.csv: line 2 is longer"));
    }

    [TestCase(true)]
    [TestCase(false)]
    public void FileWithoutLineBreaks_NamesLineOne(bool hasHeader)
    {
        // 2²⁴ + 2 characters "1,1,...,1" with no line break: the case of a 1.2 GiB file with none, at 1/70 of its size.
        var ex = Assert.Throws<InputException>(() => DataFile.Parse(string.Concat(Enumerable.Repeat("1,", (DataFile.RowLengthLimit / 2) + 1)), "d.csv", hasHeader))!;
        Assert.That(ex.Message, Does.StartWith("d.csv: line 1 is longer than 16777216 characters"));
    }

    [Test]
    public void QuoteNeverClosed_BeyondTheLimit_IsRefusedAtItsLine()
    {
        // An unclosed quote makes the rest of the file one row; Sep's own message suggests this cause.
        var sb = new System.Text.StringBuilder("x,y\n1,2\n\"3,4\n");
        while (sb.Length <= DataFile.RowLengthLimit + 1000) sb.Append("5,6\n");
        var ex = Assert.Throws<InputException>(() => DataFile.Parse(sb.ToString(), "d.csv"))!;
        Assert.That(ex.Message, Does.StartWith("d.csv: line 3 is longer than").And.Contain("quote"));
    }

    [Test]
    public void LongRowWithinTheLimit_IsRead()
    {
        // 15·2²⁰ characters: below the limit less the buffer's padding, so the limit is Sep's alone, not a stricter one of ours.
        var data = DataFile.Parse("x1,x2,y\n" + LongSample(15 << 20) + "\n");
        Assert.That(data.Targets.ToArray(), Is.EqualTo(new[] { 1.2 }));
    }
}
