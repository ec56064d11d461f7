namespace Curlew.Tour;

/// <summary>
/// Prints the tour and keeps score. Every claim the tour makes goes through <see cref="Check"/>, so the exit code
/// reflects what actually happened, not what the text says should happen.
/// </summary>
internal sealed class Narrator(bool colour)
{
    private int _failedInSection;

    /// <summary>Colour only for a person at a terminal; logs and CI get plain text. NO_COLOR is honoured (no-color.org).</summary>
    public static bool ShouldUseColour() =>
        !Console.IsOutputRedirected
        && Environment.GetEnvironmentVariable("NO_COLOR") is null or ""
        && Environment.GetEnvironmentVariable("TERM") != "dumb";

    public void Title(string text) => Console.WriteLine(Paint("1", text));

    public void Section(int number, string title)
    {
        _failedInSection = 0;
        Console.WriteLine();
        Console.WriteLine(Paint("1;34", $"== {number}. {title} =="));
    }

    /// <summary>Explanation for the reader: why the section does what it does.</summary>
    public void Say(string text) => Console.WriteLine("  " + Paint("2", text));

    /// <summary>Something a callback or the server reported while it happened.</summary>
    public void Event(string tag, string text) => Console.WriteLine($"  {Paint("36", $"[{tag}]".PadRight(10))} {text}");

    /// <summary>A value shown to the reader without a claim attached.</summary>
    public void Show(string label, object? value) => Console.WriteLine($"  {label}: {value}");

    /// <summary>States a fact and checks it; a false one fails the section.</summary>
    public bool Check(bool holds, string fact)
    {
        if (!holds) _failedInSection++;
        Console.WriteLine(holds ? $"  {Paint("32", "ok")}   {fact}" : $"  {Paint("1;31", "FAIL")} {fact}");
        return holds;
    }

    /// <summary>Closes a section; true when every check in it held.</summary>
    public bool EndSection() => _failedInSection == 0;

    public void Summary(int passed, int total)
    {
        Console.WriteLine();
        var code = passed == total ? "1;32" : "1;31";
        Console.WriteLine(Paint(code, $"{passed} of {total} sections behaved as described"));
    }

    private string Paint(string sgr, string text) => colour ? $"\e[{sgr}m{text}\e[0m" : text;
}
