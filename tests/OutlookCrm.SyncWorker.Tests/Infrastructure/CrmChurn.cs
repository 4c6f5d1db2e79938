using OutlookCrm.Api.Data;

namespace OutlookCrm.SyncWorker.Tests.Infrastructure;

// Random but reproducible CRM changes, the kind a sales team makes all day: new customers and contacts, edits,
// deletions, hand-overs between reps, notes, visits planned, moved and cancelled.
public sealed class CrmChurn(CrmHost crm, int seed, IReadOnlyList<User>? among = null)
{
    private readonly Random _random = new(seed);
    private int _n;

    public void Step()
    {
        var reps = among ?? [crm.RepA, crm.RepB];
        var companies = crm.WithDb(db => db.Companies.Where(c => c.DeletedAt == null).Select(c => c.Id).ToList());
        var pick = companies.Count == 0 ? 0 : _random.Next(9);
        _n++;
        switch (pick)
        {
            case 0:
                crm.AddCompany($"Churn {_n}", reps[_random.Next(reps.Count)], _random.Next(4));
                break;
            case 1:
                crm.Change(db => db.Contacts.Add(new Contact { CompanyId = Any(companies), LastName = $"Added {_n}", Email = $"added{_n}@churn.example" }));
                break;
            case 2:
                crm.Change(db => { var c = db.Companies.Find(Any(companies))!; c.Name += " *"; c.SalesYearToDate += 100; });
                break;
            case 3:
                crm.Change(db => { var c = db.Contacts.Where(k => k.DeletedAt == null).OrderBy(k => k.Id).Skip(_random.Next(3)).FirstOrDefault(); if (c is not null) c.DeletedAt = DateTime.UtcNow; });
                break;
            case 4:
                crm.Change(db => { var c = db.Companies.Find(Any(companies))!; c.AccountManagerId = reps[(reps.ToList().FindIndex(r => r.Id == c.AccountManagerId) + 1) % reps.Count].Id; });
                break;
            case 5:
                crm.Change(db => db.Notes.Add(new Note { CompanyId = Any(companies), AuthorId = crm.RepA.Id, CreatedAt = DateTime.UtcNow, Text = $"Note {_n}" }));
                break;
            case 6:
                crm.AddActivity(reps[_random.Next(reps.Count)], Any(companies), DateTime.UtcNow.Date.AddDays(1 + _random.Next(20)).AddHours(8 + _random.Next(8)), subject: $"Visit {_n}");
                break;
            case 7:
                crm.Change(db => { var a = db.Activities.OrderBy(x => x.Id).Skip(_random.Next(4)).FirstOrDefault(); if (a is not null) a.StartUtc = a.StartUtc.AddHours(1); });
                break;
            default:
                crm.Change(db => { var a = db.Activities.Where(x => x.Status == ActivityStatus.Planned).OrderBy(x => x.Id).FirstOrDefault(); if (a is not null) a.Status = ActivityStatus.Cancelled; });
                break;
        }
    }

    private long Any(List<long> ids) => ids[_random.Next(ids.Count)];
}
