using System.Globalization;
using System.Net;
using System.Text;

namespace Curlew.Cli.Args;

/// <summary>One URL a glob expanded to, with the text each glob chose (for #N in an output name).</summary>
internal sealed record GlobbedUrl(string Url, IReadOnlyList<string> Choices);

/// <summary>Why a URL is not a valid glob, and the 1-based position curl points its caret at.</summary>
internal sealed record GlobError(string Reason, int Position);

/// <summary>
/// curl's URL globbing, written from its documented and observed behaviour: "{a,b}" sets, "[1-3]" / "[01-10]" /
/// "[a-c]" ranges with an optional ":step", a backslash escaping one of {}[] and bracketed IPv6 literals left alone.
/// The first glob varies slowest. A malformed glob is reported with the reason and position curl gives, where the
/// position is how far the reading got before it gave up (curl counts from 1 and points past what it accepted).
/// </summary>
internal static class UrlGlob
{
    /// <summary>How many URLs one glob may expand to before curl calls it an overflow.</summary>
    private const long MaxExpansion = long.MaxValue / 2;

    public static bool TryExpand(string url, out List<GlobbedUrl> urls, out GlobError? error)
    {
        urls = [];
        var parts = new List<string[]>();          // each part: its alternatives (a literal has one)
        var globParts = new List<int>();           // which parts are globs, in #N order
        error = Parse(url, parts, globParts);
        if (error != null) return false;
        Expand(parts, globParts, urls);
        return true;
    }

    /// <summary>An output name with "#N" replaced by the N-th glob's choice; a "#N" naming no glob stays as written.</summary>
    public static string FillOutputName(string name, IReadOnlyList<string> choices)
    {
        var sb = new StringBuilder(name.Length);
        for (int i = 0; i < name.Length; i++)
        {
            if (name[i] != '#' || i + 1 >= name.Length || !char.IsAsciiDigit(name[i + 1]))
            {
                sb.Append(name[i]);
                continue;
            }
            int end = i + 1;
            while (end < name.Length && char.IsAsciiDigit(name[end])) end++;
            bool valid = int.TryParse(name.AsSpan(i + 1, end - i - 1), NumberStyles.None, CultureInfo.InvariantCulture, out int n);
            if (valid && n >= 1 && n <= choices.Count)
            {
                sb.Append(choices[n - 1]);
                i = end - 1;
            }
            else sb.Append('#');   // the digits follow as ordinary text
        }
        return sb.ToString();
    }

    private static GlobError? Parse(string url, List<string[]> parts, List<int> globParts)
    {
        var literal = new StringBuilder();
        int i = 0;
        while (i < url.Length)
        {
            char c = url[i];
            if (c == '[' && IsIpv6Literal(url, i, out int end))
            {
                literal.Append(url, i, end - i);
                i = end;
                continue;
            }
            if (c is '{' or '[')
            {
                Flush(literal, parts);
                var (alternatives, next, error) = c == '{' ? ReadSet(url, i + 1) : ReadRange(url, i + 1);
                if (error != null) return error;
                globParts.Add(parts.Count);
                parts.Add(alternatives!);
                i = next;
                continue;
            }
            if (c is '}' or ']') return new GlobError("unmatched close brace/bracket", i + 1);
            if (c == '\\' && i + 1 < url.Length && url[i + 1] is '{' or '[' or '}' or ']') i++;
            literal.Append(url[i]);
            i++;
        }
        Flush(literal, parts);
        return null;
    }

    private static void Flush(StringBuilder literal, List<string[]> parts)
    {
        if (literal.Length == 0) return;
        parts.Add([literal.ToString()]);
        literal.Clear();
    }

    // "[" followed by an IPv6 address and "]" is a host literal, not a range (curl checks the same way, by parsing it).
    private static bool IsIpv6Literal(string url, int open, out int end)
    {
        end = url.IndexOf(']', open);
        if (end < 0) return false;
        string inside = url[(open + 1)..end];
        end++;
        return inside.Count(ch => ch == ':') >= 2 && IPAddress.TryParse(inside, out var address)
            && address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;
    }

    // From just after "{": elements split by ',', up to '}'. Positions are 1-based, as curl prints them.
    private static (string[]? Alternatives, int Next, GlobError? Error) ReadSet(string url, int start)
    {
        var elements = new List<string>();
        var current = new StringBuilder();
        int i = start;
        while (true)
        {
            if (i >= url.Length) return (null, i, new GlobError("unmatched brace", start));
            char c = url[i];
            switch (c)
            {
                case '{' or '[':
                    return (null, i, new GlobError("nested brace", i + 1));
                case ']':
                    return (null, i, new GlobError("unexpected close bracket", i + 1));
                case '}' when i == start:
                    return (null, i, new GlobError("empty string within braces", i + 1));
                case ',' or '}':
                    elements.Add(current.ToString());
                    current.Clear();
                    if (c == '}') return ([.. elements], i + 1, null);
                    break;
                case '\\' when i + 1 < url.Length:
                    current.Append(url[++i]);
                    break;
                default:
                    current.Append(c);
                    break;
            }
            i++;
        }
    }

    // From just after "[": a letter range, a number range, or neither ("bad range specification").
    private static (string[]? Alternatives, int Next, GlobError? Error) ReadRange(string url, int start)
    {
        if (start < url.Length && char.IsAsciiLetter(url[start])) return ReadLetterRange(url, start);
        if (start < url.Length && char.IsAsciiDigit(url[start])) return ReadNumberRange(url, start);
        return (null, start, new GlobError("bad range specification", start + 1));
    }

    private static (string[]?, int, GlobError?) ReadLetterRange(string url, int start)
    {
        // Exactly "X-Y]" or "X-Y:STEP]"; the reading point moves past the closing bracket only when all of it is there.
        int consumed = 0;
        long step = 0;
        char first = url[start], last = '\0';
        if (start + 3 < url.Length && url[start + 1] == '-')
        {
            last = url[start + 2];
            char after = url[start + 3];
            if (after == ']')
            {
                step = 1;
                consumed = 4;
            }
            else if (after == ':' && TryReadNumber(url, start + 4, out long s, out int end) && end < url.Length && url[end] == ']')
            {
                step = s;
                consumed = end + 1 - start;
            }
        }
        int span = last - first;
        bool bad = consumed == 0 || step <= 0 || (span == 0 && step != 1) || (span != 0 && (span < 0 || step > span || span > 'z' - 'a'));
        if (bad) return (null, start, new GlobError("bad range", start + consumed + 1));
        var items = new List<string>();
        for (int c = first; c <= last; c += (int)step) items.Add(((char)c).ToString());
        return ([.. items], start + consumed, null);
    }

    private static (string[]?, int, GlobError?) ReadNumberRange(string url, int start)
    {
        // Zero padding: a first number written with a leading zero fixes the width of every number.
        int width = 0;
        if (url[start] == '0') while (start + width < url.Length && char.IsAsciiDigit(url[start + width])) width++;
        int at = start;   // where the reading got to: curl reports the start of the part it could not finish
        bool complete = false;
        long min = 0, max = 0, step = 1;
        if (TryReadNumber(url, start, out min, out int end) && end < url.Length && url[end] == '-')
        {
            at = end + 1;
            while (at < url.Length && url[at] is ' ' or '\t') at++;
            if (at < url.Length && char.IsAsciiDigit(url[at]) && TryReadNumber(url, at, out max, out end))
            {
                bool stepOk = true;
                if (end < url.Length && url[end] == ':')
                {
                    at = end + 1;
                    stepOk = TryReadNumber(url, at, out step, out end);
                }
                if (stepOk && end < url.Length && url[end] == ']')
                {
                    at = end + 1;
                    complete = true;
                }
            }
        }
        bool bad = !complete || step <= 0 || (min == max && step != 1) || (min != max && (min > max || step > max - min));
        if (bad) return (null, at, new GlobError("bad range", at + 1));
        var items = new List<string>();
        for (long n = min; n <= max; n += step)
            items.Add(n.ToString(CultureInfo.InvariantCulture).PadLeft(width, '0'));
        return ([.. items], at, null);
    }

    // Decimal digits after optional blanks, as strtoul reads them; false when there are none or they overflow.
    private static bool TryReadNumber(string url, int start, out long value, out int end)
    {
        value = 0;
        end = start;
        while (end < url.Length && url[end] is ' ' or '\t') end++;
        int digits = end;
        while (end < url.Length && char.IsAsciiDigit(url[end]))
        {
            if (value > (long.MaxValue - 9) / 10) return false;
            value = value * 10 + (url[end] - '0');
            end++;
        }
        return end > digits;
    }

    private static void Expand(List<string[]> parts, List<int> globParts, List<GlobbedUrl> urls)
    {
        long total = 1;
        foreach (var p in parts) total = Math.Min(MaxExpansion, total * p.Length);
        var choice = new int[parts.Count];
        var sb = new StringBuilder();
        for (long n = 0; n < total; n++)
        {
            sb.Clear();
            for (int p = 0; p < parts.Count; p++) sb.Append(parts[p][choice[p]]);
            var chosen = new string[globParts.Count];
            for (int g = 0; g < globParts.Count; g++) chosen[g] = parts[globParts[g]][choice[globParts[g]]];
            urls.Add(new GlobbedUrl(sb.ToString(), chosen));
            // The last part turns fastest, like an odometer.
            for (int p = parts.Count - 1; p >= 0; p--)
            {
                if (++choice[p] < parts[p].Length) break;
                choice[p] = 0;
            }
        }
    }
}
