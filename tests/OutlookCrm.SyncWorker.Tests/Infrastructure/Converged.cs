using Microsoft.Extensions.DependencyInjection;
using OutlookCrm.Api.Data;

namespace OutlookCrm.SyncWorker.Tests.Infrastructure;

public static class Converged
{
    // Each mailbox as it is now must equal what an undisturbed sync produces from scratch into an empty Graph
    // (its own pool of state): no duplicate, nothing missing, nothing stale.
    public static async Task AssertSameAsAFreshSyncAsync(SyncRig rig, IReadOnlyList<User> reps)
    {
        await using var reference = await GraphDouble.GraphDouble.StartAsync();
        var state = Path.Combine(rig.StateDirectory, "reference");
        foreach (var rep in reps)
        {
            await using var worker = rig.Worker(stateDirectory: state, graphBaseUrl: reference.BaseUrl);
            using var scope = worker.CreateScope();
            await scope.ServiceProvider.GetRequiredService<SyncWorker.Sync.MailboxCycle>().RunAsync(SyncRig.Mailbox(rep), default);

            var (actual, expected) = (rig.MailboxOf(rep), reference.Mailbox(rep.Upn));
            var keys = MailboxView.Keys(MailboxView.CrmContacts(actual));
            Assert.AreEqual(keys.Count, keys.Distinct().Count(), $"{rep.Upn}: duplicate contacts");
            CollectionAssert.AreEqual(MailboxView.CrmContacts(expected), MailboxView.CrmContacts(actual), $"{rep.Upn}: contacts differ");
            CollectionAssert.AreEqual(MailboxView.CrmEvents(expected), MailboxView.CrmEvents(actual), $"{rep.Upn}: events differ");
            Assert.AreEqual(expected.AllEvents().Count, actual.AllEvents().Count, $"{rep.Upn}: stray events");
            Assert.AreEqual(expected.Folders.Count, actual.Folders.Count, $"{rep.Upn}: one CRM folder");
        }
    }
}
