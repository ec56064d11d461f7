namespace Curlew.Cli.Args;

/// <summary>
/// -E's argument as curl reads it: "file[:password]". The first ':' not escaped ends the file name; "\:" stands for
/// a ':' and "\\" for a '\' inside the name, any other backslash is kept as typed. A PKCS#11 URI is taken whole.
/// </summary>
internal static class CertParameter
{
    public static (string File, string? Password) Split(string value)
    {
        if (value.StartsWith("pkcs11:", StringComparison.OrdinalIgnoreCase)) return (value, null);
        var name = new System.Text.StringBuilder(value.Length);
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            if (c == ':')
            {
                string rest = value[(i + 1)..];
                return (name.ToString(), rest.Length > 0 ? rest : null);
            }
            if (c == '\\' && i + 1 < value.Length && value[i + 1] is ':' or '\\')
            {
                name.Append(value[++i]);
                continue;
            }
            name.Append(c);
        }
        return (name.ToString(), null);
    }
}
