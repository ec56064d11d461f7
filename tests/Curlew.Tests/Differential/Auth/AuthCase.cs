using Curlew.Tests.Differential.Scripted;

namespace Curlew.Tests.Differential.Auth;

/// <summary>
/// One authentication scenario for <see cref="AuthDiffTests"/>: the challenges the scripted server sends, what the
/// client allows (<c>HttpAuth</c>, null for the default) and with which credentials.
/// </summary>
public sealed record AuthCase(string Name, string[] Challenges, long? HttpAuth, string? UserPwd = "u:secret")
{
    /// <summary>Path and query asked for.</summary>
    public string Path { get; init; } = "/auth";
    /// <summary>When set, a correct answer with the first nonce gets a 401 with these (stale) challenges instead.</summary>
    public string[]? StaleChallenges { get; init; }
    /// <summary>When set, an authorized request to <see cref="Path"/> is redirected here ({P} is the port).</summary>
    public string? RedirectTo { get; init; }
    /// <summary>The server asks for no credentials: every request gets 200.</summary>
    public bool Open { get; init; }
    /// <summary>The 401 closes the connection.</summary>
    public bool CloseOn401 { get; init; }
    public (CurlOption, object?)[] Extra { get; init; } = [];
    public ReadScript? Read { get; init; }
    public int Performs { get; init; } = 1;
    /// <summary>Credentials in the URL instead of UserPwd.</summary>
    public bool CredentialsInUrl { get; init; }

    public (CurlOption, object?)[] Options(string baseUrl)
    {
        var list = new List<(CurlOption, object?)>
        {
            (CurlOption.Url, (CredentialsInUrl ? baseUrl.Replace("http://", $"http://{UserPwd}@") : baseUrl) + Path),
        };
        if (UserPwd is not null && !CredentialsInUrl) list.Add((CurlOption.UserPwd, UserPwd));
        if (HttpAuth is { } auth) list.Add((CurlOption.HttpAuth, auth));
        list.AddRange(Extra);
        return [.. list];
    }

    public string User => UserPwd?.Split(':')[0] ?? "";
    public string Password => UserPwd?.Split(':', 2).ElementAtOrDefault(1) ?? "";
}
