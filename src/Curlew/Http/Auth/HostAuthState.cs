using System.Text;

namespace Curlew.Http.Auth;

/// <summary>
/// Authentication with one origin during one perform: which scheme is in use and the Digest nonce with its count.
/// Basic alone is sent at once; any other choice waits for the server's 401 and answers it with the best scheme both
/// sides allow. A second 401 after credentials were sent is the final answer, except once for a stale Digest nonce.
/// </summary>
internal sealed class HostAuthState
{
    private readonly long _wanted;
    private readonly bool _ieStyle;
    private DigestChallenge? _digest;
    private int _nonceCount;
    private bool _staleRetried;
    private bool _probeAnswered;

    public HostAuthState(long wanted, bool ieStyle)
    {
        _wanted = wanted;
        _ieStyle = ieStyle;
        Picked = wanted;
    }

    // A single scheme bit once chosen; several bits mean "not chosen yet, probe". Starts as the caller's choice, so a
    // lone Basic (or Digest) is in use from the first request.
    private long Picked { get; set; }

    /// <summary>
    /// Whether this request goes out as a probe: Digest was chosen but there is no nonce yet, so a body would be sent
    /// for nothing. Like curl, such a POST or PUT says Content-Length: 0 and the body goes with the real attempt.
    /// </summary>
    public bool WithholdsBody(string method) =>
        Picked == (long)CurlAuth.Digest && _digest is null && !_probeAnswered && method is not ("GET" or "HEAD");

    /// <summary>Basic is in use: every request carries the same value (<see cref="BasicValue"/>).</summary>
    public bool SendsBasic => Picked == (long)CurlAuth.Basic;

    /// <summary>The Basic Authorization value for "user:password".</summary>
    public static string BasicValue(string credentials) => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials));

    /// <summary>The Digest Authorization value for this request, or null when Digest has no nonce yet (or is not in use).</summary>
    public string? DigestAuthorization(string credentials, string method, string target)
    {
        if (Picked != (long)CurlAuth.Digest || _digest is null) return null;
        int colon = credentials.IndexOf(':');
        string uri = _ieStyle && target.IndexOf('?') is var q and >= 0 ? target[..q] : target;
        return DigestResponse.Build(_digest, credentials[..colon], credentials[(colon + 1)..], method, uri, ++_nonceCount);
    }

    /// <summary>Back to the state of a new perform: no scheme chosen beyond the caller's, no nonce.</summary>
    public void Reset()
    {
        Picked = _wanted;
        _digest = null;
        _nonceCount = 0;
        _staleRetried = false;
        _probeAnswered = false;
    }

    /// <summary>Reads a response's challenges; true when the request should be sent again with (new) credentials.</summary>
    public bool WantsRetry(HttpResponseHead head, bool bodyWithheld)
    {
        if (head.StatusCode < 300 && bodyWithheld)
        {
            // The server took the empty probe without asking for credentials: send the real body now, as curl does.
            _probeAnswered = true;
            return true;
        }
        if (head.StatusCode != 401) return false;
        long offered = 0;
        bool problem = false;
        var challenges = new List<AuthChallenge>();
        foreach (var line in head.WwwAuthenticate ?? []) AuthChallengeParser.Parse(line, challenges);
        foreach (var challenge in challenges)
        {
            if (challenge.Is("Digest") && (offered & (long)CurlAuth.Digest) == 0)
            {
                // Only the first Digest challenge counts; a broken one spoils the round, whatever else is offered.
                offered |= (long)CurlAuth.Digest;
                problem |= !TakeDigest(challenge);
            }
            else if (challenge.Is("Basic"))
            {
                offered |= (long)CurlAuth.Basic;
                problem |= Picked == (long)CurlAuth.Basic;   // Basic was sent and refused: the password is wrong
            }
        }
        if (problem) return false;
        long usable = offered & _wanted;
        long pick = (usable & (long)CurlAuth.Digest) != 0 ? (long)CurlAuth.Digest
            : (usable & (long)CurlAuth.Basic) != 0 ? (long)CurlAuth.Basic : 0;
        if (pick == 0) return false;
        Picked = pick;
        return true;
    }

    // A new nonce is taken when none was held or the old one went stale (once); else the credentials were refused.
    private bool TakeDigest(AuthChallenge challenge)
    {
        var digest = DigestChallenge.From(challenge);
        if (digest is null) return false;
        if (_digest is not null)
        {
            if (!digest.Stale || _staleRetried) return false;
            _staleRetried = true;
        }
        _digest = digest;
        _nonceCount = 0;
        return true;
    }
}
