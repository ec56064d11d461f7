namespace Curlew.Cli.Tests.Servers;

/// <summary>One request as the server saw it: method, target, header lines in arrival order, body bytes.</summary>
public sealed record ReceivedRequest(string Method, string Target, IReadOnlyList<string> Headers, byte[] Body)
{
    public override string ToString() =>
        $"{Method} {Target}\n{string.Join("\n", Headers)}\nbody: {Convert.ToHexString(Body)}";
}
