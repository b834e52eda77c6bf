using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Flatness.Cli.Commands;

/// <summary>Builds compact-but-readable JSON (indented, LF) with non-finite numbers written as null.</summary>
internal static class JsonText
{
    public static string Write(Action<Utf8JsonWriter> body)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream,
            new JsonWriterOptions { Indented = true, NewLine = "\n", Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            body(writer);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static void Number(this Utf8JsonWriter writer, string name, double? value)
    {
        if (value is double v && double.IsFinite(v)) writer.WriteNumber(name, v);
        else writer.WriteNull(name);
    }
}
