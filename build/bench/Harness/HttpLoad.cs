using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Lrs.Bench;

/// <summary>What a load run observed: successes, failures by status, latencies of every request.</summary>
internal sealed class LoadResult
{
    public long Succeeded { get; set; }

    public long Items { get; set; }

    public long Busy { get; set; }

    public long BusyWithRetryAfter { get; set; }

    public long Errors { get; set; }

    public string? FirstError { get; set; }

    public TimeSpan Elapsed { get; set; }

    public double[] LatenciesMs { get; set; } = [];

    public double Rate => Items / Elapsed.TotalSeconds;

    public double Percentile(double p) =>
        LatenciesMs.Length == 0 ? 0 : LatenciesMs[Math.Min(LatenciesMs.Length - 1, (int)Math.Ceiling(p * LatenciesMs.Length) - 1)];
}

/// <summary>
/// Concurrent HTTP clients against the host. Each client sends requests one after another until the request count
/// or the duration runs out; every response is read to the end before the latency is taken.
/// </summary>
internal static class HttpLoad
{
    public static HttpClient Client(Uri baseAddress, int connections) =>
        new(new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromMinutes(2),
            DefaultRequestHeaders =
            {
                Authorization = new AuthenticationHeaderValue("Basic",
                    Convert.ToBase64String(Encoding.UTF8.GetBytes($"{LrsHost.Key}:{LrsHost.Secret}"))),
            },
        };

    /// <summary>Runs <paramref name="clients"/> clients; request <c>i</c> is made by <paramref name="request"/> and counts <paramref name="itemsPerRequest"/> items on success.</summary>
    public static async Task<LoadResult> RunAsync(
        HttpClient http, int clients, Func<long, HttpRequestMessage> request, long? requests, TimeSpan? duration, Func<long, int> itemsPerRequest,
        bool honourRetryAfter = false)
    {
        var result = new LoadResult();
        var latencies = new List<double>[clients];
        var next = -1L;
        var gate = new object();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            var mine = latencies[c] = [];
            long i;
            while ((i = Interlocked.Increment(ref next)) < (requests ?? long.MaxValue) && (duration is null || clock.Elapsed < duration))
            {
                var started = Stopwatch.GetTimestamp();
                using var message = request(i);
                HttpStatusCode status;
                TimeSpan? retryAfter;
                string? body;
                try
                {
                    using var response = await http.SendAsync(message);
                    body = await response.Content.ReadAsStringAsync();
                    status = response.StatusCode;
                    retryAfter = response.Headers.RetryAfter?.Delta;
                }
                catch (HttpRequestException e)
                {
                    (status, retryAfter, body) = (0, null, e.Message);
                }

                var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                lock (gate)
                {
                    if ((int)status is >= 200 and < 300)
                    {
                        mine.Add(elapsed);
                        result.Succeeded++;
                        result.Items += itemsPerRequest(i);
                    }
                    else if (status == HttpStatusCode.ServiceUnavailable)
                    {
                        result.Busy++;
                        result.BusyWithRetryAfter += retryAfter is null ? 0 : 1;
                    }
                    else
                    {
                        result.Errors++;
                        result.FirstError ??= $"{(int)status} {body}";
                    }
                }

                if (honourRetryAfter && status == HttpStatusCode.ServiceUnavailable && retryAfter is { } wait)
                {
                    await Task.Delay(wait);
                }
            }
        })));
        result.Elapsed = clock.Elapsed;
        result.LatenciesMs = latencies.SelectMany(l => l).Order().ToArray();
        return result;
    }

    public static HttpRequestMessage PostStatements(byte[] body)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, "xapi/statements") { Content = new ByteArrayContent(body) };
        message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        message.Headers.Add("X-Experience-API-Version", "1.0.3");
        return message;
    }

    public static HttpRequestMessage Get(string uri, bool xapi)
    {
        var message = new HttpRequestMessage(HttpMethod.Get, uri);
        if (xapi)
        {
            message.Headers.Add("X-Experience-API-Version", "1.0.3");
        }

        return message;
    }
}
