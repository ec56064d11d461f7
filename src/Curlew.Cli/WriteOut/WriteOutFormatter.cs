using System.Text;

namespace Curlew.Cli.WriteOut;

/// <summary>
/// Expands a -w format after a transfer: %{variable}, %header{name}, %{json}, %{stdout}/%{stderr} switching where the
/// rest goes, %% and the backslash escapes \n \r \t \\. An unknown variable prints nothing and a complaint on stderr,
/// as curl does; text curl would not treat as a directive is copied as it is.
/// </summary>
internal static class WriteOutFormatter
{
    public static void Write(string format, WriteOutContext context, Stream stdout, Stream stderr, Action<string> complain)
    {
        var target = stdout;
        var sb = new StringBuilder();
        void Flush()
        {
            var bytes = Encoding.UTF8.GetBytes(sb.ToString());
            target.Write(bytes);
            sb.Clear();
        }
        for (int i = 0; i < format.Length; i++)
        {
            char ch = format[i];
            if (ch == '\\' && i + 1 < format.Length)
            {
                char next = format[i + 1];
                string? escaped = next switch { 'n' => "\n", 'r' => "\r", 't' => "\t", '\\' => "\\", _ => null };
                if (escaped != null) { sb.Append(escaped); i++; }
                else sb.Append(ch);
                continue;
            }
            if (ch != '%' || i + 1 >= format.Length) { sb.Append(ch); continue; }
            if (format[i + 1] == '%') { sb.Append('%'); i++; continue; }
            if (format[i + 1] == '{')
            {
                int close = format.IndexOf('}', i + 2);
                if (close < 0) { sb.Append(ch); continue; }
                string name = format[(i + 2)..close];
                i = close;
                if (name is "stdout" or "stderr")
                {
                    Flush();
                    target = name == "stdout" ? stdout : stderr;
                    continue;
                }
                if (name == "json") { sb.Append(JsonWriteOut.Render(context)); continue; }
                var value = WriteOutVariables.Get(name, context);
                if (value == null) complain($"unknown --write-out variable: '{name}'");
                else sb.Append(value.Text);
                continue;
            }
            if (format.AsSpan(i + 1).StartsWith("header{"))
            {
                int close = format.IndexOf('}', i + 8);
                if (close < 0) { sb.Append(ch); continue; }
                string name = format[(i + 8)..close];
                i = close;
                sb.Append(HeaderValue(context, name));
                continue;
            }
            sb.Append(ch);
        }
        Flush();
    }

    // The last response's header of that name (case-insensitive); several of them are joined with ", " as curl does.
    private static string HeaderValue(WriteOutContext context, string name)
    {
        var values = new List<string>();
        foreach (var (key, value) in context.LastHeaders)
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase)) values.Add(value);
        return string.Join(", ", values);
    }
}
