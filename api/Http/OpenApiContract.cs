using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace OutlookCrm.Api.Http;

// The OpenAPI document is the contract: every operation lists the problems a client can get, the OAuth2
// scheme with the Entra scope, upload bodies, and enums that are exactly the accepted names.
public static class OpenApiContract
{
    private const string Problem = "Problem";

    public static void Configure(OpenApiOptions o, AuthOptions auth)
    {
        o.AddSchemaTransformer((schema, context, ct) =>
        {
            // An enum is shared by every property of its type: its values are exactly the accepted names, never null.
            // A nullable property says so itself (oneOf [null, $ref]), which null then matches exactly once.
            if (schema.Enum is { Count: > 0 } values && values.Any(v => v is null))
            {
                schema.Enum = [.. values.Where(v => v is not null)];
                schema.Type = schema.Type is { } type ? type & ~JsonSchemaType.Null : JsonSchemaType.String;
            }
            return Task.CompletedTask;
        });
        o.AddDocumentTransformer((document, context, ct) =>
        {
            document.Info.Description = "OutlookCrm API. Errors are RFC 9457 problem details; writes use ETags (If-Match).";
            document.Components ??= new OpenApiComponents();
            document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
            document.Components.Schemas[Problem] = ProblemSchema();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            var scope = $"{auth.Audience}/{auth.Scope}";
            var tenant = string.IsNullOrEmpty(auth.TenantId) ? "organizations" : auth.TenantId;
            document.Components.SecuritySchemes["entra"] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.OAuth2,
                Description = $"Entra ID. Users: delegated scope {auth.Scope}. The sync worker: app role {auth.SyncAppRole} (client credentials) and X-Act-As.",
                Flows = new OpenApiOAuthFlows
                {
                    AuthorizationCode = new OpenApiOAuthFlow
                    {
                        AuthorizationUrl = new Uri($"{auth.Instance.TrimEnd('/')}/{tenant}/oauth2/v2.0/authorize"),
                        TokenUrl = new Uri($"{auth.Instance.TrimEnd('/')}/{tenant}/oauth2/v2.0/token"),
                        Scopes = new Dictionary<string, string> { [scope] = "Use the CRM as the signed-in user" },
                    },
                    ClientCredentials = new OpenApiOAuthFlow
                    {
                        TokenUrl = new Uri($"{auth.Instance.TrimEnd('/')}/{tenant}/oauth2/v2.0/token"),
                        Scopes = new Dictionary<string, string> { [$"{auth.Audience}/.default"] = $"The sync worker (app role {auth.SyncAppRole})" },
                    },
                },
            };
            // Servers are the host the document was read from; without the trailing slash paths append to.
            foreach (var server in document.Servers ?? []) server.Url = server.Url?.TrimEnd('/');
            foreach (var (path, item) in document.Paths)
            {
                if (item.Operations is null) continue;
                foreach (var (method, operation) in item.Operations)
                {
                    if (path.StartsWith("/api", StringComparison.Ordinal))
                        operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("entra", document)] = [scope] }];
                    operation.Summary ??= Summary(operation.OperationId, method, path);
                    AddProblems(document, path, method, operation);
                }
            }
            return Task.CompletedTask;
        });
    }

    private static void AddProblems(OpenApiDocument document, string path, HttpMethod method, OpenApiOperation operation)
    {
        operation.Responses ??= new OpenApiResponses();
        var write = method != HttpMethod.Get;
        var statuses = new List<(int, string)> { (400, "Invalid request: the problem's errors name each wrong field") };
        if (path.StartsWith("/api", StringComparison.Ordinal))
        {
            statuses.Add((401, "No valid token"));
            statuses.Add((403, "Not allowed: the detail says why (scope, role, application limits, rule on who may do what)"));
            statuses.Add((429, "Too many requests: retry after the Retry-After header's seconds"));
        }
        if (path.Contains('{')) statuses.Add((404, "Not found, or not in your scope"));
        if (write)
        {
            statuses.Add((409, "Conflict with another record"));
            statuses.Add((422, "A business rule refused the change"));
        }
        if (method == HttpMethod.Put || method == HttpMethod.Patch || (method == HttpMethod.Post && path.Contains('{')) || method == HttpMethod.Delete)
            statuses.Add((412, "The record changed since its ETag was read"));
        if (method == HttpMethod.Put || method == HttpMethod.Patch || (method == HttpMethod.Post && path.EndsWith("/close") || path.EndsWith("/cancel") || path.EndsWith("/stage")))
            statuses.Add((428, "Send the record's ETag in If-Match"));
        if (operation.RequestBody is not null || method == HttpMethod.Put || method == HttpMethod.Patch)
            statuses.Add((415, "Unsupported Content-Type"));
        if (path.EndsWith("/audio") || path.EndsWith("/import")) statuses.Add((413, "The upload is too large"));
        foreach (var (status, description) in statuses)
        {
            var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (operation.Responses.ContainsKey(key)) continue;
            operation.Responses[key] = new OpenApiResponse
            {
                Description = description,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference(Problem, document) },
                },
            };
        }
    }

    // "SearchCompanies" → "Search companies"; routes without a named handler get "GET /api/lookup".
    private static string Summary(string? operationId, HttpMethod method, string path) =>
        string.IsNullOrEmpty(operationId) ? $"{method.Method} {path}"
            : operationId[0] + System.Text.RegularExpressions.Regex.Replace(operationId[1..], "(?<=[a-z])([A-Z])", m => " " + m.Value.ToLowerInvariant());

    private static OpenApiSchema ProblemSchema() => new()
    {
        Type = JsonSchemaType.Object,
        Description = "RFC 9457 problem details",
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["type"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
            ["title"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer | JsonSchemaType.Null },
            ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
            ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
            ["traceId"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
            ["errors"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = "Field name → what is wrong with it",
                AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
            },
        },
    };
}
