using System.Text;

namespace Curlew.Cli.WriteOut;

/// <summary>%{json}: every variable Curlew knows as one JSON object, keys in curl's (alphabetical) order, then curl_version.</summary>
internal static class JsonWriteOut
{
    public static string Render(WriteOutContext context)
    {
        var sb = new StringBuilder("{");
        foreach (string name in WriteOutVariables.Names)
        {
            var value = WriteOutVariables.Get(name, context)!;
            sb.Append('"').Append(name).Append("\":");
            if (value.Text == null) sb.Append("null");
            else if (value.IsNumber && name is not ("http_code" or "response_code" or "http_connect")) sb.Append(value.Text);
            else if (name is "http_code" or "response_code" or "http_connect") sb.Append(long.Parse(value.Text, System.Globalization.CultureInfo.InvariantCulture));
            else Quote(sb, value.Text);
            sb.Append(',');
        }
        sb.Append("\"curl_version\":");
        Quote(sb, Curl.Version);
        return sb.Append('}').ToString();
    }

    private static void Quote(StringBuilder sb, string text)
    {
        sb.Append('"');
        foreach (char c in text)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (c < 0x20) sb.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                    else sb.Append(c);
                    break;
            }
        }
        sb.Append('"');
    }
}
