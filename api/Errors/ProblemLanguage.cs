using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;

namespace OutlookCrm.Api.Errors;

// ProblemDetails in the caller's language: English is written where each rule is decided, and a caller whose
// Accept-Language prefers French gets the French of the title, the detail and each field error (gettext-style:
// the English sentence is the key). One hook for every error: domain errors, validation, status pages.
public static class ProblemLanguage
{
    public static void Translate(ProblemDetailsContext context)
    {
        if (!PrefersFrench(context.HttpContext.Request)) return;
        var p = context.ProblemDetails;
        p.Title = ProblemCatalog.French(p.Title);
        p.Detail = ProblemCatalog.French(p.Detail);
        if (p.Extensions.TryGetValue("errors", out var errors) && errors is IDictionary<string, string[]> byField)
            foreach (var key in byField.Keys.ToList()) byField[key] = byField[key].Select(m => ProblemCatalog.French(m)!).ToArray();
        if (p is HttpValidationProblemDetails validation)
            foreach (var key in validation.Errors.Keys.ToList()) validation.Errors[key] = validation.Errors[key].Select(m => ProblemCatalog.French(m)!).ToArray();
        context.HttpContext.Response.Headers.ContentLanguage = "fr";
    }

    // The first of fr/en in the caller's order of preference (quality values honoured); English otherwise.
    public static bool PrefersFrench(HttpRequest request)
    {
        var languages = request.GetTypedHeaders().AcceptLanguage;
        if (languages is null || languages.Count == 0) return false;
        foreach (var lang in languages.Where(l => l.Quality is not 0).OrderByDescending(l => l.Quality ?? 1))
        {
            var tag = lang.Value.Value ?? "";
            if (tag.StartsWith("fr", StringComparison.OrdinalIgnoreCase)) return true;
            if (tag.StartsWith("en", StringComparison.OrdinalIgnoreCase)) return false;
        }
        return false;
    }

    public static string Language(HttpRequest request) => PrefersFrench(request) ? "fr" : "en";
}

internal static partial class ProblemCatalog
{
    private static readonly (Regex English, string French)[] Entries = Build(ProblemFrench.Entries);

    public static string? French(string? english)
    {
        if (string.IsNullOrEmpty(english)) return english;
        foreach (var (pattern, french) in Entries)
        {
            var m = pattern.Match(english);
            if (!m.Success) continue;
            return Placeholder().Replace(french, x =>
            {
                var value = m.Groups[x.Groups[1].Value].Value;
                return x.Groups[1].Value == "what" ? ProblemFrench.Record(value) : x.Groups[1].Value == "rest" ? French(value) ?? value : value;
            });
        }
        return english;
    }

    private static (Regex, string)[] Build(IEnumerable<(string English, string French)> entries) => entries
        .Select(e => (new Regex("^" + Placeholder().Replace(Regex.Escape(e.English).Replace(@"\{", "{"), x => $"(?<{x.Groups[1].Value}>.*?)") + "$",
            RegexOptions.CultureInvariant | RegexOptions.Singleline), e.French))
        .ToArray();

    [GeneratedRegex(@"\{(\w+)\}")]
    private static partial Regex Placeholder();
}
