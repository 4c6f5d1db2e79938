namespace OutlookCrm.SyncWorker.Graph;

public enum WriteAction { Create, Update, Delete }

// One write to an Outlook item. The dry-run prints the list; a real run sends exactly this list.
public sealed record GraphWrite(WriteAction Action, string Kind, string Key, string Label, string? GraphId = null, ContactBody? Contact = null, EventBody? Event = null)
{
    public override string ToString() => $"{Action.ToString().ToLowerInvariant()} {Kind} {Key} \"{Label}\"";
}

// The delta token is gone (410 syncStateNotFound) or the folder vanished: the caller resyncs fully.
public sealed class DeltaExpiredException(string message) : Exception(message);

// Graph refused a write for a reason retrying will not fix.
public sealed class GraphWriteException(string message) : Exception(message);
