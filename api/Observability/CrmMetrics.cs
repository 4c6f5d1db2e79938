using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace OutlookCrm.Api.Observability;

// The API's own instruments, beside ASP.NET Core's request metrics: what an operator asks first
// (is the add-in's card fast, is the database slow, are users being refused by a rule).
public sealed class CrmMetrics
{
    public const string Name = "OutlookCrm.Api";
    public static readonly ActivitySource Tracing = new(Name);

    public CrmMetrics(IMeterFactory meters)
    {
        Meter = meters.Create(Name);
        Lookup = Meter.CreateHistogram<double>("crm.lookup.duration", "s", "Time to answer the add-in's card lookup (/api/lookup).");
        DbCommand = Meter.CreateHistogram<double>("crm.db.command.duration", "s", "Time of one database command, as EF Core ran it.");
        Refusals = Meter.CreateCounter<long>("crm.rule.refusals", "{refusal}",
            "Writes or requests refused by a rule: validation, business rule, visibility, conflicting or stale change.");
    }

    public Meter Meter { get; }
    public Histogram<double> Lookup { get; }
    public Histogram<double> DbCommand { get; }
    public Counter<long> Refusals { get; }
}
