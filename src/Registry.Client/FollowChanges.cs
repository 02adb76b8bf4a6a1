using System.Runtime.CompilerServices;

namespace Registry.Client;

public static class FollowChangesExtensions
{
    /// <summary>
    /// Every change after <paramref name="after"/>, in order, for ever: pages through what is waiting, then long-polls for
    /// what comes next. Survives restarts and outages of the API (it waits and asks again from the last position it gave
    /// you). A position that fell out of the retention window throws a <see cref="RegistryProblemException"/> with status
    /// 410: reload a snapshot and follow from its feed position.
    /// </summary>
    public static async IAsyncEnumerable<ChangeEvent> FollowChangesAsync(this IRegistryApiClient client, long after,
        [EnumeratorCancellation] CancellationToken ct = default, int pageSize = 500, int waitSeconds = 20, string? region = null, string? province = null, string? kind = null)
    {
        var pause = TimeSpan.FromMilliseconds(250);
        while (!ct.IsCancellationRequested)
        {
            ChangePage page;
            try
            {
                page = await client.ListChangesAsync(after, pageSize, waitSeconds, region, province, kind, ct);
                pause = TimeSpan.FromMilliseconds(250);
            }
            catch (Exception e) when (Transient(e) && !ct.IsCancellationRequested)
            {
                await Task.Delay(pause, ct);
                pause = TimeSpan.FromSeconds(Math.Min(30, pause.TotalSeconds * 2));
                continue;
            }
            foreach (var change in page.Events)
            {
                yield return change;
                after = change.Position ?? after;
            }
            after = Math.Max(after, page.Next ?? after);
        }
    }

    private static bool Transient(Exception e) => e switch
    {
        HttpRequestException or TimeoutException or TaskCanceledException or Polly.Timeout.TimeoutRejectedException => true,
        Polly.CircuitBreaker.BrokenCircuitException => true,
        RegistryApiException api => api.StatusCode is 429 or 500 or 502 or 503 or 504,
        _ => false,
    };
}
