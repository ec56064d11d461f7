namespace Curlew.Url;

/// <summary>RFC 3986 §5.2.4 "remove_dot_segments": "." and ".." path segments go; "%2e" is not a dot.</summary>
internal static class DotSegments
{
    public static string Remove(string path)
    {
        if (!path.Contains('.'))
        {
            return path;
        }
        var output = new System.Text.StringBuilder(path.Length);
        ReadOnlySpan<char> input = path;
        while (!input.IsEmpty)
        {
            if (input.StartsWith("../"))
            {
                input = input[3..];
            }
            else if (input.StartsWith("./"))
            {
                input = input[2..];
            }
            else if (input.StartsWith("/./"))
            {
                input = input[2..];
            }
            else if (input.SequenceEqual("/."))
            {
                input = "/";
            }
            else if (input.StartsWith("/../"))
            {
                input = input[3..];
                DropLastSegment(output);
            }
            else if (input.SequenceEqual("/.."))
            {
                input = "/";
                DropLastSegment(output);
            }
            else if (input.SequenceEqual(".") || input.SequenceEqual(".."))
            {
                input = [];
            }
            else
            {
                int next = input[1..].IndexOf('/');
                int take = next < 0 ? input.Length : next + 1;
                output.Append(input[..take]);
                input = input[take..];
            }
        }
        return output.ToString();
    }

    /// <summary>Removes the output's last segment and its preceding '/', if any.</summary>
    private static void DropLastSegment(System.Text.StringBuilder output)
    {
        int cut = output.Length - 1;
        while (cut >= 0 && output[cut] != '/')
        {
            cut--;
        }
        output.Length = Math.Max(cut, 0);
    }
}
