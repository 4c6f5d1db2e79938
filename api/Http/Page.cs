namespace OutlookCrm.Api.Http;

// Keyset page: `next` is the cursor to pass as `after` for the following page, null at the end.
public sealed record Page<T>(IReadOnlyList<T> Items, long? Next)
{
    public const int DefaultSize = 50, MaxSize = 200;

    public static int Size(int? requested) => Math.Clamp(requested ?? DefaultSize, 1, MaxSize);

    public static Page<T> From(List<T> rows, int size, Func<T, long> key) =>
        rows.Count > size ? new(rows[..size], key(rows[size - 1])) : new(rows, null);
}
