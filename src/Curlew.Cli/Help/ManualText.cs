namespace Curlew.Cli.Help;

/// <summary>
/// -M: curlew's own manual (Help/Manual.txt), embedded under a fixed name. A manifest resource read by name needs
/// no reflection over types, so trimming and NativeAOT keep it.
/// </summary>
internal static class ManualText
{
    public const string ResourceName = "Curlew.Cli.Manual.txt";

    public static string Read()
    {
        using var stream = typeof(ManualText).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The manual ({ResourceName}) is not embedded in this build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
