using System.Globalization;
using System.Text;

namespace OutlookCrm.Api.Quality;

// How two spellings of one name or one phone number are recognised.
internal static class Similarity
{
    // Legal forms and filler words that differ between two spellings of the same company.
    private static readonly HashSet<string> Noise = ["sarl", "sas", "sasu", "sa", "eurl", "sci", "snc", "scop", "ets", "etablissements",
        "ltd", "inc", "gmbh", "llc", "cie", "co", "et", "and", "the", "les", "la", "le", "l", "de", "du", "des", "d", "fils"];

    // "Boulangerie  Martin S.A.R.L." and "boulangerie martin" give the same key; accents go, and ligatures that have
    // no decomposition are spelled out ("Dubœuf" = "Duboeuf", "Lætitia" = "Laetitia", "Straße" = "Strasse").
    public static string NameKey(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return "";
        name = name.Replace("œ", "oe").Replace("Œ", "OE").Replace("æ", "ae").Replace("Æ", "AE").Replace("ß", "ss");
        var sb = new StringBuilder(name.Length);
        foreach (var c in name.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark || c == '.') continue;
            sb.Append(char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : ' ');
        }
        return string.Join(' ', sb.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => !Noise.Contains(w)));
    }

    // Same key, or one a prefix of the other ("Martin" / "Martin Menuiserie"), or a typo or two apart.
    public static bool SimilarNames(string a, string b)
    {
        if (a.Length < 3 || b.Length < 3) return false;
        if (a == b) return true;
        if ((a.StartsWith(b + ' ') || b.StartsWith(a + ' ')) && Math.Min(a.Length, b.Length) >= 5) return true;
        var allowed = Math.Max(1, Math.Min(a.Length, b.Length) / 8);
        return Math.Abs(a.Length - b.Length) <= allowed && Distance(a, b, allowed) <= allowed;
    }

    // Levenshtein distance, giving up past `max`.
    private static int Distance(string a, string b, int max)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        var current = new int[b.Length + 1];
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var best = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
                best = Math.Min(best, current[j]);
            }
            if (best > max) return best;
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
