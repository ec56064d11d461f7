// HttpClient with Curlew underneath: every connection HttpClient makes goes through Curlew's socket callbacks.
// Runs offline against a Kestrel server inside this process; exits non-zero when something did not behave as shown.
using System.Net;
using System.Net.Sockets;
using Curlew;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
builder.Logging.ClearProviders();
builder.WebHost.UseUrls("http://127.0.0.1:0");
await using var app = builder.Build();
app.MapGet("/hello", () => "hello through Curlew\n");
await app.StartAsync();
var baseUrl = app.Urls.First();

int opened = 0, closed = 0;
var handler = new CurlHttpHandler
{
    UseProxy = false,
    OpenSocketFunction = (data, purpose, address) =>
    {
        Console.WriteLine($"  open  -> {address.Address}");
        Interlocked.Increment(ref opened);
        return new Socket(address.Family, address.SocketType, address.Protocol);
    },
    CloseSocketFunction = (data, socket) =>
    {
        Console.WriteLine("  close");
        Interlocked.Increment(ref closed);
        socket.Dispose();
        return 0;
    },
};

using (var client = new HttpClient(handler) { BaseAddress = new Uri(baseUrl) })
{
    for (int i = 0; i < 3; i++)
    {
        using var response = await client.GetAsync("/hello");
        Console.Write($"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}   // disposing the client closes the idle connection, through the close callback

Console.WriteLine($"{opened} socket(s) opened, {closed} closed: three requests shared one connection");
return opened == 1 && closed == 1 ? 0 : 1;
