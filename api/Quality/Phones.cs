using PhoneNumbers;

namespace OutlookCrm.Api.Quality;

// Phone numbers compared as numbers, not as text: "01 64 00 00 01", "+33 1 64 00 00 01" and "0033164000001" are one
// number. libphonenumber parses them (France is the region of numbers written without a country code) into E.164.
public static class Phones
{
    public const string DefaultRegion = "FR";
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    // E.164 ("+33164000001"), or null when the text is not a possible phone number.
    public static string? E164(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        try
        {
            var number = Util.Parse(text, DefaultRegion);
            return Util.IsPossibleNumber(number) ? Util.Format(number, PhoneNumberFormat.E164) : null;
        }
        catch (NumberParseException) { return null; }
    }

    // Two spellings of one number; texts that are not numbers compare as text.
    public static bool Same(string? a, string? b) =>
        a == b || (E164(a) is { } x && x == E164(b));
}
