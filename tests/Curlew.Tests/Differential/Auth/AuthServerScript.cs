using System.Text;
using Curlew.Tests.Differential.Scripted;

namespace Curlew.Tests.Differential.Auth;

/// <summary>
/// The scripted server's answers for an <see cref="AuthCase"/>: 401 with the case's challenges until a request proves
/// the password "secret" for user "u" (Basic only when Basic is offered; Digest checked by <see cref="DigestVerifier"/>),
/// then 200 "ok" (or the case's redirect). Stateless, so the server may ask it twice about one request.
/// </summary>
public static class AuthServerScript
{
    public const string Nonce1 = "dcd98b7102dd2f0e8b11d0f600bfb0c093";
    public const string Nonce2 = "a3f9e1c0b2d84e6f7a8b9c0d1e2f3a4b5c";

    public static ScriptedReply Answer(AuthCase c, ScriptedRequest request, string baseUrl)
    {
        if (!c.Open && !IsAuthorized(c, request)) return Denied(c, c.Challenges);
        if (c.StaleChallenges is not null && NonceOf(request) == Nonce1) return Denied(c, c.StaleChallenges);
        if (c.RedirectTo is not null && request.Target == c.Path)
            return ScriptedReply.Text($"HTTP/1.1 302 Found\r\nLocation: {c.RedirectTo}\r\nContent-Length: 0\r\n\r\n");
        return ScriptedReply.Text("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
    }

    private static bool IsAuthorized(AuthCase c, ScriptedRequest request)
    {
        var authorization = ScriptedServer.HeaderValue(request.Head, "Authorization");
        if (authorization is null) return false;
        if (authorization.StartsWith("Basic ", StringComparison.Ordinal))
            return c.Challenges.Any(x => x.StartsWith("Basic", StringComparison.OrdinalIgnoreCase) || x.Contains(", Basic"))
                && DecodeBasic(authorization) == "u:secret";
        if (!authorization.StartsWith("Digest ", StringComparison.Ordinal)) return false;
        return NonceOf(request) is Nonce1 or Nonce2 && DigestVerifier.IsCorrect(authorization[7..], request.Method, "u", "secret");
    }

    private static string? NonceOf(ScriptedRequest request) =>
        ScriptedServer.HeaderValue(request.Head, "Authorization") is { } a && a.StartsWith("Digest ", StringComparison.Ordinal)
            ? DigestVerifier.Parameters(a[7..]).GetValueOrDefault("nonce") : null;

    public static string DecodeBasic(string authorization)
    {
        try { return Encoding.UTF8.GetString(Convert.FromBase64String(authorization[6..].Trim())); }
        catch (FormatException) { return "(not base64)"; }
    }

    private static ScriptedReply Denied(AuthCase c, string[] challenges)
    {
        var head = new StringBuilder("HTTP/1.1 401 Unauthorized\r\n");
        foreach (var line in challenges) head.Append("WWW-Authenticate: ").Append(line).Append("\r\n");
        if (c.CloseOn401) head.Append("Connection: close\r\n");
        head.Append("Content-Length: 6\r\n\r\ndenied");
        return ScriptedReply.Text(head.ToString(), close: c.CloseOn401);
    }
}
