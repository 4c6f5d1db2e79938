using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;

namespace OutlookCrm.Bench;

// One endpoint as the add-in calls it: how to build a request for a given rep, and which answers count as served.
public sealed record Scenario(string Name, Func<RepSample, Random, string> Url, bool Authenticated = true, HttpStatusCode? AlsoExpected = null);

// Latencies of one scenario over all rounds.
public sealed class Measured(Scenario scenario)
{
    private readonly List<double> millis = [];
    public Scenario Scenario { get; } = scenario;
    public TimeSpan Elapsed { get; private set; }
    public int Errors { get; private set; }
    public List<double> RoundP99 { get; } = [];

    public int Count => millis.Count;
    public double Throughput => millis.Count / Elapsed.TotalSeconds;
    public double P50 => Percentile(millis, 0.50);
    public double P99 => Percentile(millis, 0.99);

    public void Add(List<double> round, int errors, TimeSpan elapsed)
    {
        millis.AddRange(round);
        Errors += errors;
        Elapsed += elapsed;
        RoundP99.Add(Percentile(round, 0.99));
    }

    private static double Percentile(List<double> values, double p)
    {
        if (values.Count == 0) return double.NaN;
        var sorted = values.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
    }
}

// Closed loop: each client sends its next request as soon as the previous answer arrives, for a fixed time.
public static class LoadRun
{
    public static async Task<(List<double> Millis, int Errors, TimeSpan Elapsed)> RunAsync(
        HttpClient http, Scenario scenario, IReadOnlyList<RepSample> reps, int clients, TimeSpan duration, int seed)
    {
        var clock = Stopwatch.StartNew();
        var results = await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            var rng = new Random(seed * 100 + c);
            var rep = reps[c % reps.Count];
            var millis = new List<double>(4096);
            var errors = 0;
            while (clock.Elapsed < duration)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, scenario.Url(rep, rng));
                if (scenario.Authenticated) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", rep.Token);
                var start = Stopwatch.GetTimestamp();
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead);
                millis.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                if (!response.IsSuccessStatusCode && response.StatusCode != scenario.AlsoExpected)
                {
                    if (errors++ == 0) Console.WriteLine($"  {scenario.Name}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }
            }
            return (millis, errors);
        })));
        return (results.SelectMany(r => r.millis).ToList(), results.Sum(r => r.errors), clock.Elapsed);
    }
}
