namespace OutlookCrm.Api.Http;

// Keyset page: `next` is the cursor to pass as `after` for the following page, null at the end.
public sealed record Page<T>(IReadOnlyList<T> Items, long? Next)
{
    public const int DefaultSize = 50, MaxSize = 200;

    // A limit outside 1..MaxSize is refused, not clamped: a client asking for 1,000 must learn it gets 200.
    public static int Size(int? requested) => Limit.Check(requested, DefaultSize, MaxSize);

    public static Page<T> From(List<T> rows, int size, Func<T, long> key) =>
        rows.Count > size ? new(rows[..size], key(rows[size - 1])) : new(rows, null);
}

public static class Limit
{
    public static int Check(int? requested, int byDefault, int max, string name = "limit") => requested switch
    {
        null => byDefault,
        var n when n < 1 || n > max => throw CrmProblem.Invalid(name, $"{name} must be between 1 and {max}."),
        var n => n.Value,
    };
}

// Query and route values are checked like bodies: an enum given as an undefined number ("status=99") is refused.
public static class StrictArguments
{
    public static async ValueTask<object?> Filter(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        for (var i = 0; i < context.Arguments.Count; i++)
            if (context.Arguments[i] is Enum value && !Enum.IsDefined(value.GetType(), value))
            {
                var method = context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<System.Reflection.MethodInfo>();
                var name = method?.GetParameters().ElementAtOrDefault(i)?.Name ?? value.GetType().Name;
                throw CrmProblem.Invalid(name, $"'{value}' is not a {value.GetType().Name}: use one of {string.Join(", ", Enum.GetNames(value.GetType()))}.");
            }
        return await next(context);
    }
}
