using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace OutlookCrm.Api.Http;

// Bodies of PUT (the full representation) and PATCH (JSON Merge Patch, RFC 7396) read the same strict way
// as every other body, then validated with the request record's DataAnnotations.
public static class JsonBody
{
    public const string MergePatch = "application/merge-patch+json";

    // PUT replaces the record: every field must be given (null where empty), so nothing is reset by omission.
    public static async Task<T> ReadFull<T>(HttpRequest request, params string[] optional) where T : class
    {
        var body = await ReadObject(request, "application/json");
        var missing = Fields<T>().Where(f => !optional.Contains(f, StringComparer.OrdinalIgnoreCase)
            && !body.Any(p => string.Equals(p.Key, f, StringComparison.OrdinalIgnoreCase))).ToList();
        if (missing.Count > 0)
        {
            var p = new CrmProblem(400, "Invalid request",
                $"PUT replaces the whole record: give every field (null where empty), or use PATCH with {MergePatch}. Missing: {string.Join(", ", missing)}.");
            p.Extensions["errors"] = missing.ToDictionary(f => f, f => new[] { $"The field {f} is required in a PUT." });
            throw p;
        }
        return Bind<T>(request, body);
    }

    // PATCH: the changes are merged into the current representation; members set to null are cleared.
    public static async Task<T> ReadPatch<T>(HttpRequest request, T current) where T : class
    {
        var patch = await ReadObject(request, MergePatch);
        var options = Options(request);
        var target = JsonSerializer.SerializeToNode(current, options)!.AsObject();
        foreach (var (name, _) in patch)
            if (!Fields<T>().Contains(name, StringComparer.OrdinalIgnoreCase))
                throw CrmProblem.Invalid(name, $"'{name}' is not a field of this record.");
        return Bind<T>(request, Merge(target, patch).AsObject());
    }

    // RFC 7396 §2: objects merge member by member, null removes, anything else replaces.
    public static JsonNode Merge(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject p) return patch?.DeepClone()!;
        var result = target is JsonObject t ? t.DeepClone().AsObject() : new JsonObject();
        foreach (var (name, value) in p)
        {
            var key = result.Select(r => r.Key).FirstOrDefault(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase)) ?? name;
            // null clears a nullable field; on a field that cannot be empty, binding answers 400 rather than a silent default.
            result[key] = value is null ? null : Merge(result[key], value);
        }
        return result;
    }

    public static void Validate<T>(T value) where T : class
    {
        var results = new List<ValidationResult>();
        if (Validator.TryValidateObject(value, new ValidationContext(value), results, validateAllProperties: true)) return;
        var errors = results.SelectMany(r => r.MemberNames.DefaultIfEmpty("body").Select(m => (m, r.ErrorMessage ?? "Invalid value.")))
            .GroupBy(e => e.Item1).ToDictionary(g => g.Key, g => g.Select(e => e.Item2).ToArray());
        var problem = new CrmProblem(400, "Invalid request", "One or more fields are invalid.");
        problem.Extensions["errors"] = errors;
        throw problem;
    }

    private static T Bind<T>(HttpRequest request, JsonObject body) where T : class
    {
        T? value;
        try { value = body.Deserialize<T>(Options(request)); }
        catch (JsonException e) { throw CrmProblem.Invalid(FieldOf(e), StrictJson.Explain(e)); }
        if (value is null) throw CrmProblem.Invalid("body", "The body must be a JSON object.");
        Validate(value);
        return value;
    }

    private static async Task<JsonObject> ReadObject(HttpRequest request, string mediaType)
    {
        var type = request.ContentType?.Split(';')[0].Trim();
        if (!string.Equals(type, mediaType, StringComparison.OrdinalIgnoreCase))
            throw new CrmProblem(415, "Unsupported media type", $"Send this body as {mediaType}.");
        JsonNode? node;
        try { node = await JsonNode.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted); }
        catch (JsonException e) { throw CrmProblem.Invalid(FieldOf(e), "The request body is not valid JSON."); }
        return node as JsonObject ?? throw CrmProblem.Invalid("body", "The body must be a JSON object.");
    }

    private static string FieldOf(JsonException e) => StrictJson.FieldOf(e) ?? "body";

    private static JsonSerializerOptions Options(HttpRequest request) =>
        request.HttpContext.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;

    private static string[] Fields<T>() => FieldCache<T>.Names;

    private static class FieldCache<T>
    {
        public static readonly string[] Names = typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name)).ToArray();
    }
}
