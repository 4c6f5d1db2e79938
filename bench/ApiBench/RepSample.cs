using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace OutlookCrm.Bench;

// What one simulated rep sends: their token and real keys from their own scope, read through the API.
public sealed record RepSample(int UserId, string Token, string[] Emails, long[] ActivityIds, string[] SearchTerms,
    string[] ContactNames, string[] EmailPrefixes, string[] PhonePrefixes, string[] CompanyPhonePrefixes)
{
    // Reps of the generated sales force, each signed in through the development sign-in as the add-in would be.
    public static async Task<List<RepSample>> LoadAsync(HttpClient http, int count, Random rng)
    {
        var users = await http.GetFromJsonAsync<JsonElement>("/dev/users");
        var reps = users.EnumerateArray().Where(u => u.GetProperty("role").GetString() == "Rep"
                && u.GetProperty("upn").GetString()!.EndsWith("@scale.example"))
            .Select(u => u.GetProperty("id").GetInt32()).ToList();
        if (reps.Count == 0) throw new InvalidOperationException("No generated reps in this database: run with --generate.");
        var samples = new List<RepSample>();
        foreach (var id in reps.OrderBy(_ => rng.Next()).Take(count))
        {
            var token = (await (await http.PostAsJsonAsync("/dev/token", new { userId = id })).Content.ReadFromJsonAsync<JsonElement>())
                .GetProperty("accessToken").GetString()!;
            samples.Add(await Sample(http, id, token, rng));
        }
        return samples;
    }

    private static async Task<RepSample> Sample(HttpClient http, int id, string token, Random rng)
    {
        async Task<JsonElement[]> Items(string url)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await http.SendAsync(request);
            response.EnsureSuccessStatusCode();
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray().ToArray();
        }
        // The rep's own customers (their mail mostly comes from them), walked from a random point of the key range.
        var companies = await Items($"/api/companies?accountManagerId={id}&limit=100");
        var chosen = companies.OrderBy(_ => rng.Next()).Take(20).ToArray();
        var emails = new List<string>();
        var activities = new List<long>();
        var contacts = new List<JsonElement>();
        foreach (var c in chosen.Take(8))
        {
            var companyId = c.GetProperty("id").GetInt64();
            var found = await Items($"/api/contacts?companyId={companyId}&limit=10");
            contacts.AddRange(found);
            emails.AddRange(found.Select(k => k.GetProperty("email").GetString()).OfType<string>());
            activities.AddRange((await Items($"/api/activities?companyId={companyId}&limit=5")).Select(a => a.GetProperty("id").GetInt64()));
        }
        // What a rep types to find a person: part of a name, the start of an address or of a number.
        string? Text(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        var names = contacts.Select(k => Text(k, "lastName")).OfType<string>().Select(n => n.Length > 4 ? n[1..^1] : n).Distinct().ToArray();
        var emailPrefixes = emails.Select(e => e[..Math.Min(e.Length, e.IndexOf('@') is > 4 and var at ? at - 2 : e.Length)]).ToArray();
        var phones = contacts.Select(k => Text(k, "phone")).OfType<string>().Where(p => p.Length > 10).Select(p => p[..^2]).ToArray();
        var companyPhones = chosen.Select(c => Text(c, "phone")).OfType<string>().Where(p => p.Length > 10).Select(p => p[..^1]).ToArray();
        // A typed fragment that narrows to one company, as a rep searching a name would type: the part of the name that
        // is the company's own. Generated names end in "<run>-<n>" ("Garage Laurent 411855-58722"), and the run number
        // is in every company of the data set: a term carrying it has trigrams that all 200,000 names share, which no
        // real customer's name has in common with all the others (the trigram index then reads every name's entry).
        static string OwnPart(string name) => name.Split(' ')[^1] is var last && last.LastIndexOf('-') is > 0 and var dash
            && last.Length - dash > 3 ? last[(dash + 1)..] : last;
        var terms = chosen.Select(c => OwnPart(c.GetProperty("name").GetString()!)).ToArray();
        if (emails.Count == 0 || activities.Count == 0 || terms.Length == 0 || phones.Length == 0 || companyPhones.Length == 0)
            throw new InvalidOperationException($"Rep {id} has no customers with contacts, phones and activities to sample.");
        return new RepSample(id, token, [.. emails], [.. activities], terms, names, emailPrefixes, phones, companyPhones);
    }
}
