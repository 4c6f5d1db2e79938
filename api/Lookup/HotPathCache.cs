using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OutlookCrm.Api.Auth;
using OutlookCrm.Api.Reference;

namespace OutlookCrm.Api.Lookup;

// How long the add-in's per-request lookups may be reused (docs/performance.md, "Caching"). Each API instance
// keeps its own copy: a change made through another instance (or straight in the database) shows after at most this.
public sealed class HotPathOptions
{
    public const string Section = "HotPaths";
    [System.ComponentModel.DataAnnotations.Range(0, 60)] public int CallerSeconds { get; set; } = 10;
    [System.ComponentModel.DataAnnotations.Range(0, 60)] public int StagesSeconds { get; set; } = 10;
}

// The resolved caller per bearer token (never per user id: the key is the token itself, so one rep's entry cannot
// answer another's request) and the pipeline stages, each for a short bounded lifetime.
public sealed class HotPathCache(Microsoft.Extensions.Options.IOptions<HotPathOptions> options, TimeProvider clock)
{
    private readonly MemoryCache callers = new(new MemoryCacheOptions { SizeLimit = 50_000 });
    private volatile StageSnapshot? stages;

    public sealed record StageSnapshot(IReadOnlyList<StageDto> All, List<int> OpenIds, StageTranslations Texts, DateTimeOffset Until);

    // Token and X-Act-As together decide the caller; the digest keeps tokens themselves out of memory dumps.
    public static string? KeyOf(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.Length < 20) return null;
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(header));
        return Convert.ToHexString(digest) + "|" + request.Headers[Caller.ActAsHeader].ToString();
    }

    public Caller? CachedCaller(string key) => callers.TryGetValue(key, out Caller? caller) ? caller : null;

    // Never longer than the token itself is valid: an expired token can't be answered from here.
    public void Remember(string key, Caller caller, DateTimeOffset? tokenExpires)
    {
        var until = clock.GetUtcNow().AddSeconds(options.Value.CallerSeconds);
        if (tokenExpires is { } exp && exp < until) until = exp;
        if (until <= clock.GetUtcNow()) return;
        callers.Set(key, caller, new MemoryCacheEntryOptions { AbsoluteExpiration = until, Size = 1 });
    }

    public async Task<StageSnapshot> StagesAsync(CrmDbContext db)
    {
        var now = clock.GetUtcNow();
        if (stages is { } s && s.Until > now) return s;
        var all = await db.PipelineStages.AsNoTracking().OrderBy(x => x.Order)
            .Select(x => new StageDto(x.Id, x.Name, x.Definition, x.Order, x.WinProbability, x.MaxDaysInStage, x.Kind)).ToListAsync();
        var fresh = new StageSnapshot(all, all.Where(x => x.Kind == StageKind.Open).Select(x => x.Id).ToList(),
            await StageTranslations.LoadAsync(db), now.AddSeconds(options.Value.StagesSeconds));
        stages = fresh;
        return fresh;
    }

    // After a stage's texts change on this instance (other instances see it within HotPaths:StagesSeconds).
    public void ForgetStages() => stages = null;

    public void Forget()
    {
        callers.Compact(1.0);
        stages = null;
    }
}

// Runs around the whole pipeline: puts a remembered caller where Caller.BindAsync looks first, and remembers the
// caller an endpoint resolved. Authentication and authorization still run on every request, cached or not.
internal sealed class CallerCacheStartup : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (http, nextStep) =>
        {
            var key = http.Request.Path.StartsWithSegments("/api") ? HotPathCache.KeyOf(http.Request) : null;
            var cache = key is null ? null : http.RequestServices.GetRequiredService<HotPathCache>();
            var cached = key is null ? null : cache!.CachedCaller(key);
            if (cached is not null) http.Items[typeof(Caller)] = cached;
            await nextStep(http);
            if (cached is null && key is not null && http.Items[typeof(Caller)] is Caller resolved && http.User.Identity?.IsAuthenticated == true)
                cache!.Remember(key, resolved, Expiry(http));
        });
        next(app);
    };

    private static DateTimeOffset? Expiry(HttpContext http) =>
        long.TryParse(http.User.FindFirst("exp")?.Value, out var exp) ? DateTimeOffset.FromUnixTimeSeconds(exp) : null;
}

public static class HotPathSetup
{
    public static WebApplicationBuilder AddHotPaths(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<HotPathOptions>().BindConfiguration(HotPathOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<HotPathCache>();
        builder.Services.AddTransient<IStartupFilter, CallerCacheStartup>();
        return builder;
    }
}
