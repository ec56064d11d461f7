namespace Curlew.Tour;

/// <summary>Section 8: HttpClient code on Curlew's transfers, socket callbacks included, through CurlHttpHandler.</summary>
internal static class HttpClientThroughCurlew
{
    public static async Task RunAsync(LocalServer server, Narrator n)
    {
        n.Say("CurlHttpHandler plugs into HttpClient; every socket it uses still goes through the open/close callbacks.");
        var log = new SocketLog(n);
        var handler = new CurlHttpHandler { OpenSocketFunction = log.Open, CloseSocketFunction = log.Close };
        using (var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(5) })
        {
            for (int i = 0; i < 3; i++)
            {
                using var response = await client.GetAsync(server.Url("/hello"));
                string body = await response.Content.ReadAsStringAsync();
                n.Check(response.IsSuccessStatusCode && body == LocalServer.HelloBody, $"GET {i + 1}: {(int)response.StatusCode}, the greeting");
            }
            n.Check(log.Opens == 1, "three requests, one connection");
            try
            {
                await client.GetAsync($"http://127.0.0.1:{LocalServer.ClosedPort()}/");
                n.Check(false, "a refused connection should have thrown");
            }
            catch (HttpRequestException ex)
            {
                n.Show("HttpRequestException", ex.Message);
                n.Check(ex.HttpRequestError == HttpRequestError.ConnectionError && ex.Data["CurlCode"] is CurlCode.CouldntConnect,
                    "a refused port is HttpRequestError.ConnectionError, with CurlCode 7 in Data[\"CurlCode\"]");
            }
        }
        n.Check(log.Opens == log.Closes && log.StrayCloses == 0, $"disposing the client closed every socket once ({log.Opens} opened, {log.Closes} closed)");
    }
}
