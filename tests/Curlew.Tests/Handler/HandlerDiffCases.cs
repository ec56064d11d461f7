using Xunit;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Curlew.Tests.Handler;

/// <summary>One request sent through both handlers: how to make it, how to read the answer, handler settings.</summary>
public sealed record HandlerDiffCase(string Name, Func<string, HttpRequestMessage> Make,
    HttpCompletionOption Completion = HttpCompletionOption.ResponseContentRead, bool AllowAutoRedirect = true, int MaxRedirects = 50)
{
    public override string ToString() => Name;
}

/// <summary>The differential cases: what SocketsHttpHandler does is the truth CurlHttpHandler must match.</summary>
public static class HandlerDiffCases
{
    private static HttpRequestMessage Get(string path) => new(HttpMethod.Get, path);

    private static HttpRequestMessage With(HttpMethod method, string path, HttpContent? content = null) => new(method, path) { Content = content };

    public static readonly IReadOnlyList<HandlerDiffCase> All =
    [
        new("get", _ => Get("/echo")),
        new("get with query and headers", _ =>
        {
            var r = Get("/echo?q=1&x=a%20b");
            r.Headers.Add("X-Custom", ["one", "two"]);
            r.Headers.Accept.ParseAdd("text/plain");
            r.Headers.UserAgent.ParseAdd("diff-test/1.0 (handler)");
            r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "token123");
            return r;
        }),
        new("get with fragment and non-ASCII query", _ => Get("/echo?name=Zoë&sp=a b#section")),
        new("head", _ => With(HttpMethod.Head, "/bytes/1000")),
        new("post with length", _ => With(HttpMethod.Post, "/echo", new StringContent("name=value&x=1", Encoding.UTF8, "application/x-www-form-urlencoded"))),
        new("post bytes without content type", _ => With(HttpMethod.Post, "/echo", new ByteArrayContent(Encoding.ASCII.GetBytes("raw bytes"))) ),
        new("post chunked (no length)", _ => With(HttpMethod.Post, "/echo", new StreamContent(new UnknownLengthStream(200_000)))),
        new("post empty (no content)", _ => With(HttpMethod.Post, "/echo")),
        new("put", _ => With(HttpMethod.Put, "/echo", new StringContent("{\"a\":1}", Encoding.UTF8, "application/json"))),
        new("patch", _ => With(HttpMethod.Patch, "/echo", new StringContent("patch body"))),
        new("delete", _ => With(HttpMethod.Delete, "/echo")),
        new("custom method", _ => With(new HttpMethod("PURGE"), "/echo")),
        new("custom method with body", _ => With(new HttpMethod("REPORT"), "/echo", new StringContent("<report/>", Encoding.UTF8, "application/xml"))),
        new("204", _ => Get("/status/204")),
        new("304", _ => Get("/status/304")),
        new("404 with body", _ => Get("/status/404")),
        new("500 with body", _ => Get("/status/500")),
        new("301 followed", _ => Get("/redirect/301")),
        new("302 followed", _ => Get("/redirect/302")),
        new("303 followed", _ => Get("/redirect/303")),
        new("307 followed", _ => Get("/redirect/307")),
        new("308 followed", _ => Get("/redirect/308")),
        new("302 not followed", _ => Get("/redirect/302"), AllowAutoRedirect: false),
        new("308 not followed", _ => Get("/redirect/308?to=/status/404"), AllowAutoRedirect: false),
        new("303 after post becomes get", _ => With(HttpMethod.Post, "/redirect/303", new StringContent("dropped", Encoding.UTF8, "text/plain"))),
        new("302 after post becomes get", _ => With(HttpMethod.Post, "/redirect/302", new ByteArrayContent("dropped"u8.ToArray()))),
        new("301 after post becomes get, content headers dropped", _ =>
        {
            var content = new StringContent("dropped", Encoding.UTF8, "application/json");
            content.Headers.ContentLanguage.Add("en");
            return With(HttpMethod.Post, "/redirect/301", content);
        }),
        new("307 after post keeps the body", _ => With(HttpMethod.Post, "/redirect/307", new StringContent("sent twice"))),
        new("308 after put keeps the body", _ => With(HttpMethod.Put, "/redirect/308", new ByteArrayContent(BodyPattern.Bytes(100_000)))),
        new("redirect chain within limit", _ => Get("/redirect-chain/3"), MaxRedirects: 5),
        new("redirect limit exceeded", _ => Get("/redirect-chain/10"), MaxRedirects: 3),
        new("large body 20 MiB", _ => Get("/bytes/20971520"), HttpCompletionOption.ResponseHeadersRead),
        new("large upload 3 MiB", _ => With(HttpMethod.Post, "/echo", new ByteArrayContent(BodyPattern.Bytes(3 * 1024 * 1024)))),
        new("slow body streamed", _ => Get("/drip"), HttpCompletionOption.ResponseHeadersRead),
        new("trailers", _ => Get("/trailers"), HttpCompletionOption.ResponseHeadersRead),
        new("expect 100-continue", _ =>
        {
            var r = With(HttpMethod.Post, "/echo", new StringContent("waits for continue"));
            r.Headers.ExpectContinue = true;
            return r;
        }),
        new("expect 100-continue refused", _ =>
        {
            var r = With(HttpMethod.Post, "/reject-expect", new ByteArrayContent(BodyPattern.Bytes(50_000)));
            r.Headers.ExpectContinue = true;
            return r;
        }),
        new("request version 1.0", _ => new HttpRequestMessage(HttpMethod.Get, "/echo") { Version = HttpVersion.Version10 }),
        new("version 2.0 or lower", _ => new HttpRequestMessage(HttpMethod.Get, "/echo") { Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionOrLower }),
        new("connection close", _ =>
        {
            var r = Get("/echo");
            r.Headers.ConnectionClose = true;
            return r;
        }),
        new("header value with unicode", _ =>
        {
            var r = Get("/echo");
            r.Headers.TryAddWithoutValidation("X-Name", "Zoë");
            return r;
        }),
    ];

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var c in All) data.Add(c.Name);
        return data;
    }

    /// <summary>A readable, non-seekable stream of <paramref name="length"/> pattern bytes: HttpClient cannot know its length.</summary>
    private sealed class UnknownLengthStream(int length) : Stream
    {
        private int _position;
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count)
        {
            int n = Math.Min(Math.Min(count, 7000), length - _position);   // odd piece sizes, several chunks
            for (int i = 0; i < n; i++) buffer[offset + i] = BodyPattern.At(_position + i);
            _position += n;
            return n;
        }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
