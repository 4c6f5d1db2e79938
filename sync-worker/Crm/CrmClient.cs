using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OutlookCrm.SyncWorker.Crm;

// Typed client of the CRM API: the worker's only way to read or write CRM data.
public sealed class CrmClient(HttpClient http)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public async Task<IReadOnlyList<Mailbox>> GetMailboxesAsync(CancellationToken ct) =>
        await Send<List<Mailbox>>(new(HttpMethod.Get, "api/sync/mailboxes"), ct);

    public Task<ChangePage<SyncCompany>> GetCompanyChangesAsync(int userId, long cursor, int limit, CancellationToken ct) =>
        Send<ChangePage<SyncCompany>>(ActAs(HttpMethod.Get, $"api/sync/companies?cursor={cursor}&limit={limit}", userId), ct);

    public Task<ChangePage<ActivityDto>> GetActivityChangesAsync(int userId, long cursor, int limit, CancellationToken ct) =>
        Send<ChangePage<ActivityDto>>(ActAs(HttpMethod.Get, $"api/sync/activities?cursor={cursor}&limit={limit}", userId), ct);

    public async Task<ActivityDto?> GetActivityAsync(int userId, long id, CancellationToken ct)
    {
        using var response = await http.SendAsync(ActAs(HttpMethod.Get, $"api/activities/{id}", userId), ct);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        return await Read<ActivityDto>(response, ct);
    }

    // Idempotent per Outlook item on the API side (same iCalUId → same activity, updated in place).
    public Task<ActivityDto> LogActivityAsync(int userId, ActivityRequest request, CancellationToken ct)
    {
        var message = ActAs(HttpMethod.Post, "api/activities", userId);
        message.Content = JsonContent.Create(request, options: Json);
        return Send<ActivityDto>(message, ct);
    }

    public Task<ActivityDto> CloseActivityAsync(int userId, long id, int version, CloseRequest request, CancellationToken ct)
    {
        var message = ActAs(HttpMethod.Post, $"api/activities/{id}/close", userId);
        message.Headers.TryAddWithoutValidation("If-Match", $"\"{version}\"");
        message.Content = JsonContent.Create(request, options: Json);
        return Send<ActivityDto>(message, ct);
    }

    public async Task<IReadOnlyList<LookupCard>> LookupAsync(int userId, IEnumerable<string> emails, CancellationToken ct)
    {
        var query = string.Join("&", emails.Select(e => "email=" + Uri.EscapeDataString(e)));
        if (query.Length == 0) return [];
        return await Send<List<LookupCard>>(ActAs(HttpMethod.Get, "api/lookup?" + query, userId), ct);
    }

    // The rep's open follow-ups (Sync/FollowUpReminders.cs mirrors them as calendar reminders).
    public Task<Sync.FollowUpList> GetFollowUpsAsync(int userId, CancellationToken ct) =>
        Send<Sync.FollowUpList>(ActAs(HttpMethod.Get, "api/followups", userId), ct);

    public Task<LeaseGrant> LeasesAsync(LeaseRequest request, CancellationToken ct) =>
        Send<LeaseGrant>(new(HttpMethod.Post, "api/sync/leases") { Content = JsonContent.Create(request, options: Json) }, ct);

    public Task<SyncStateDto> GetStateAsync(int userId, string pool, string loop, CancellationToken ct) =>
        Send<SyncStateDto>(ActAs(HttpMethod.Get, $"api/sync/state?pool={Uri.EscapeDataString(pool)}&loop={loop}", userId), ct);

    // 409: the lease is lost (expired, or taken by another instance); the state stays as its holder wrote it.
    public async Task PutStateAsync(int userId, string loop, StateWrite write, CancellationToken ct)
    {
        using var message = ActAs(HttpMethod.Put, $"api/sync/state/{loop}", userId);
        message.Content = JsonContent.Create(write, options: Json);
        using var response = await http.SendAsync(message, ct);
        if (response.StatusCode == HttpStatusCode.Conflict)
            throw new LeaseLostException($"Mailbox {userId}: lease epoch {write.Epoch} no longer held by {write.Holder}; state not written.");
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"CRM API {(int)response.StatusCode} on {message.RequestUri}: {await response.Content.ReadAsStringAsync(ct)}", null, response.StatusCode);
    }

    private static HttpRequestMessage ActAs(HttpMethod method, string url, int userId)
    {
        var message = new HttpRequestMessage(method, url);
        message.Headers.Add("X-Act-As", userId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return message;
    }

    private async Task<T> Send<T>(HttpRequestMessage message, CancellationToken ct)
    {
        using (message)
        using (var response = await http.SendAsync(message, ct))
            return await Read<T>(response, ct);
    }

    private static async Task<T> Read<T>(HttpResponseMessage response, CancellationToken ct)
    {
        if (response.StatusCode == HttpStatusCode.UnprocessableEntity)
        {
            var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>(Json, ct);
            throw new CrmRuleException(problem?.Detail ?? problem?.Title ?? "Refused by a CRM rule.");
        }
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(ct);
            throw new HttpRequestException($"CRM API {(int)response.StatusCode} on {response.RequestMessage?.RequestUri}: {body}", null, response.StatusCode);
        }
        return await response.Content.ReadFromJsonAsync<T>(Json, ct) ?? throw new InvalidDataException("Empty CRM API response.");
    }
}
