namespace Curlew.Cli.Tests.Differential;

/// <summary>
/// The TLS flags against the TLS nginx (<see cref="NginxTlsServer"/>). Arguments may use {tls}, {wronghost},
/// {expired}, {clientcert}, {tls12} (https://127.0.0.1:PORT of that server), {certs} (the certificate folder) and
/// {pin} (sha256// of the server's public key).
/// </summary>
public static class TlsCases
{
    private static DifferentialCase C(string name, params string[] args) => new(name, args);

    public static readonly DifferentialCase[] All =
    [
        C("https GET with --cacert", "-sS", "--cacert", "{certs}/ca.pem", "{tls}/small.txt"),
        new("https GET with --capath", ["-sS", "--capath", "{certs}/cadir", "{tls}/small.txt"],
            Differs: Channel.ExitCode | Channel.Stdout | Channel.Stderr,
            Reason: "the library's CaPath reads every PEM file in the folder; OpenSSL finds only hash-named (c_rehash) files, so curl fails with 60"),
        C("default verification fails against the private CA", "-sS", "{tls}/small.txt"),
        C("-k skips verification", "-sSk", "{tls}/small.txt"),
        C("--no-sessionid still fetches (every handshake a full one)", "-sS", "--no-sessionid", "--cacert", "{certs}/ca.pem", "{tls}/small.txt", "{tls}/small.txt"),
        C("a CA that signed nothing here", "-sS", "--cacert", "{certs}/other-ca.pem", "{tls}/small.txt"),
        C("wrong-host certificate", "-sS", "--cacert", "{certs}/ca.pem", "{wronghost}/small.txt"),
        C("wrong-host certificate with -k", "-sSk", "{wronghost}/small.txt"),
        C("expired certificate", "-sS", "--cacert", "{certs}/ca.pem", "{expired}/small.txt"),
        C("--cacert names a missing file", "-sS", "--cacert", "{certs}/missing.pem", "{tls}/small.txt"),
        C("client certificate with -E and --key", "-sS", "--cacert", "{certs}/ca.pem", "-E", "{certs}/client.pem", "--key", "{certs}/client-key.pem", "{clientcert}/small.txt"),
        C("client certificate as P12 with --cert-type and --pass", "-sS", "--cacert", "{certs}/ca.pem", "--cert-type", "P12", "-E", "{certs}/client.p12", "--pass", "curlew-secret", "{clientcert}/small.txt"),
        C("client certificate as P12, password after a colon in -E", "-sS", "--cacert", "{certs}/ca.pem", "--cert-type", "P12", "-E", "{certs}/client.p12:curlew-secret", "{clientcert}/small.txt"),
        C("encrypted client key with --pass", "-sS", "--cacert", "{certs}/ca.pem", "-E", "{certs}/client.pem", "--key", "{certs}/client-key-enc.pem", "--pass", "curlew-secret", "{clientcert}/small.txt"),
        C("--pinnedpubkey with the server's hash", "-sS", "--cacert", "{certs}/ca.pem", "--pinnedpubkey", "{pin}", "{tls}/small.txt"),
        C("--pinnedpubkey with the server's key file", "-sS", "--cacert", "{certs}/ca.pem", "--pinnedpubkey", "{certs}/server-pub.pem", "{tls}/small.txt"),
        C("--pinnedpubkey with another hash", "-sS", "--cacert", "{certs}/ca.pem", "--pinnedpubkey", "sha256//AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", "{tls}/small.txt"),
        C("--tlsv1.2 against a 1.2-only server", "-sS", "--cacert", "{certs}/ca.pem", "--tlsv1.2", "{tls12}/small.txt"),
        C("--tls-max 1.2 with --tlsv1.2", "-sS", "--cacert", "{certs}/ca.pem", "--tlsv1.2", "--tls-max", "1.2", "{tls}/small.txt"),
        new("--tlsv1.0 --tls-max 1.1 against a 1.2+ server", ["-sS", "--cacert", "{certs}/ca.pem", "--tlsv1.0", "--tls-max", "1.1", "{tls}/small.txt"],
            Differs: Channel.Stderr,
            Reason: "same code (35); .NET's OpenSSL context has no cipher for TLS 1.0/1.1 ('no ciphers available', nothing sent) where curl sends its hello and gets nginx's 'protocol version' alert"),
        C("--tlsv1 (any TLS) against a 1.2-only server", "-sS", "--cacert", "{certs}/ca.pem", "--tlsv1", "{tls12}/small.txt"),
        C("-E with the P12 password after a colon and --cert-type in lower case", "-sS", "--cacert", "{certs}/ca.pem", "--cert-type", "p12", "-E", "{certs}/client.p12:curlew-secret", "{clientcert}/small.txt"),
        C("-3 warns and is ignored", "-3", "-sS", "--cacert", "{certs}/ca.pem", "{tls}/small.txt"),
        C("--tls-max with a bad version", "-sS", "--tls-max", "1.5", "{tls}/small.txt"),
        C("-w ssl_verify_result and scheme, verified", "-sS", "--cacert", "{certs}/ca.pem", "-o", "body.txt", "-w", "%{ssl_verify_result} %{scheme} %{http_code}\n", "{tls}/small.txt"),
        C("-w ssl_verify_result with -k on a wrong host", "-sSk", "-o", "body.txt", "-w", "%{ssl_verify_result}\n", "{wronghost}/small.txt"),
        C("--ssl-no-revoke is accepted", "-sS", "--ssl-no-revoke", "--cacert", "{certs}/ca.pem", "{tls}/small.txt"),
        C("-i over https", "-sSi", "--cacert", "{certs}/ca.pem", "{tls}/small.txt"),
        C("client certificate required but not given", "-sS", "--cacert", "{certs}/ca.pem", "{clientcert}/small.txt"),
        new("--tlsv1.3 against a 1.2-only server", ["-sS", "--cacert", "{certs}/ca.pem", "--tlsv1.3", "{tls12}/small.txt"],
            Differs: Channel.Stderr,
            Reason: "same code (35) and OpenSSL reason; the library words it 'TLS connect error: ... in connection to HOST:PORT' where curl says 'OpenSSL/3.0.19: ...'"),
        new("-v over https", ["-sSv", "-A", "agent/1", "--cacert", "{certs}/ca.pem", "{tls}/small.txt"],
            Differs: Channel.Stderr,
            Reason: "the '*' TLS lines are the library's (no OpenSSL handshake records, its own certificate lines); the '>' and '<' header lines must still match"),
    ];
}
