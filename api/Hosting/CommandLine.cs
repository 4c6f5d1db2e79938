namespace OutlookCrm.Api.Hosting;

// `OutlookCrm.Api [host options] [verb [verb arguments]]`. Host options come first, as the configuration's
// command-line reader understands them (`--urls http://…`, `--environment=Production`, `Database:Provider=PostgreSql`);
// the first word that is neither an option nor an option's value is the verb, and everything after it is the verb's.
public sealed record CommandLine(string[] HostArgs, string? Verb, string[] VerbArgs)
{
    public static readonly string[] Verbs = ["migrate", "migration-script", "seed-demo", "generate", "import", "export", "erp-feed"];

    public bool IsCommand => Verb is not null;

    public static CommandLine Parse(string[] args)
    {
        var i = 0;
        while (i < args.Length)
        {
            var a = args[i];
            if (a.Contains('=')) i += 1;                          // --key=value, /key=value or key=value
            else if (a.StartsWith('-') || a.StartsWith('/')) i += 2; // --key value: the next argument is its value
            else break;
        }
        var hostArgs = args[..Math.Min(i, args.Length)];
        return i < args.Length ? new(hostArgs, args[i], args[(i + 1)..]) : new(hostArgs, null, []);
    }
}
