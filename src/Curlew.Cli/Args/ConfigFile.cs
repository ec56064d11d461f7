using System.Text;

namespace Curlew.Cli.Args;

/// <summary>One option line of a config file: the option as written, its parameter (null when none) and the line number.</summary>
internal sealed record ConfigEntry(string Option, string? Parameter, int Line);

/// <summary>
/// curl's config-file grammar (-K and ~/.curlrc), from its documentation and observed behaviour: one option per line,
/// '#' starts a comment line, the option's leading dashes are optional, and a name without dashes may be followed by
/// '=' or ':' as well as blanks ("url = x", "silent", "output: f"). A dashed name ends only at a blank, so
/// "--output=f" is one unknown word, as curl reads it. A parameter in double quotes may hold blanks and the escapes
/// \t \n \r \v (any other escaped character stands for itself); an unquoted one ends at the first blank.
/// </summary>
internal static class ConfigFile
{
    /// <summary>Where curl 7.88 looks for the default config: $CURL_HOME, then $XDG_CONFIG_HOME, then $HOME, each "/.curlrc"; the first that exists wins.</summary>
    public static string? FindDefault()
    {
        foreach (string variable in (string[])["CURL_HOME", "XDG_CONFIG_HOME", "HOME"])
        {
            string? folder = Environment.GetEnvironmentVariable(variable);
            if (string.IsNullOrEmpty(folder)) continue;
            string path = Path.Combine(folder, ".curlrc");
            if (File.Exists(path)) return path;
        }
        // Without $HOME curl asks the password database; .NET's user profile folder does the same on Unix.
        if (Environment.GetEnvironmentVariable("HOME") == null)
        {
            string profile = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            string path = Path.Combine(profile, ".curlrc");
            if (profile.Length > 0 && File.Exists(path)) return path;
        }
        return null;
    }

    /// <summary>The file's text ("-" reads standard input), or null when it cannot be read.</summary>
    public static string? ReadText(string name)
    {
        try
        {
            if (name == "-") return Console.In.ReadToEnd();
            // curl opens a directory without complaint and reads no lines from it.
            if (Directory.Exists(name)) return "";
            return File.ReadAllText(name, Encoding.UTF8);
        }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }

    public static List<ConfigEntry> Parse(string text)
    {
        var entries = new List<ConfigEntry>();
        string[] lines = text.Split('\n');
        for (int n = 0; n < lines.Length; n++)
        {
            var entry = ParseLine(lines[n].TrimEnd('\r'), n + 1);
            if (entry != null) entries.Add(entry);
        }
        return entries;
    }

    private static ConfigEntry? ParseLine(string line, int number)
    {
        int i = 0;
        while (i < line.Length && IsBlank(line[i])) i++;
        if (i >= line.Length || line[i] == '#') return null;
        bool dashed = line[i] == '-';
        int start = i;
        while (i < line.Length && !IsBlank(line[i]) && !(!dashed && line[i] is '=' or ':')) i++;
        string option = line[start..i];
        // Blanks and (for an undashed name) '=' or ':' separate the name from its parameter.
        while (i < line.Length && (IsBlank(line[i]) || (!dashed && line[i] is '=' or ':'))) i++;
        string parameter = i < line.Length && line[i] == '"' ? Quoted(line, i + 1) : Unquoted(line, i);
        return new ConfigEntry(option, parameter.Length == 0 ? null : parameter, number);
    }

    private static string Unquoted(string line, int start)
    {
        int end = start;
        while (end < line.Length && !IsBlank(line[end])) end++;
        return line[start..end];
    }

    private static string Quoted(string line, int start)
    {
        var sb = new StringBuilder();
        for (int i = start; i < line.Length && line[i] != '"'; i++)
        {
            if (line[i] != '\\' || i + 1 >= line.Length)
            {
                sb.Append(line[i]);
                continue;
            }
            char escaped = line[++i];
            sb.Append(escaped switch { 't' => '\t', 'n' => '\n', 'r' => '\r', 'v' => '\v', _ => escaped });
        }
        return sb.ToString();
    }

    private static bool IsBlank(char c) => c is ' ' or '\t' or '\v' or '\f';
}
