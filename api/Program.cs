using OutlookCrm.Api;
using Scalar.AspNetCore;
using OutlookCrm.Api.Lookup;

var builder = OutlookCrm.Api.Hosting.CrmHost.CreateBuilder(args);
builder.AddCrmDatabase();
builder.AddCrmAuth();
builder.AddHotPaths();
builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = ProblemLanguage.Translate);
builder.Services.AddExceptionHandler<CrmExceptionHandler>();
builder.Services.AddValidation();
builder.AddAbuseLimits();
builder.QuietExpectedRaces();
builder.Services.AddOpenApi(o => OpenApiContract.Configure(o,
    builder.Configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions()));
builder.Services.ConfigureHttpJsonOptions(o => StrictJson.Configure(o.SerializerOptions));

var app = builder.Build();
if (await app.RunCommandAsync(args)) return;

app.UseExceptionHandler();
app.UseSecurityHeaders();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();
// Only the documents that exist: any other name falls through to the ProblemDetails 404.
app.MapOpenApi("/openapi/{documentName:regex(^v1$)}.json");
// The interactive reference, in Development only (it reads the same document).
if (app.Environment.IsDevelopment()) app.MapScalarApiReference();
app.MapHealth();
app.MapDevSignIn();
app.MapAddin();
app.MapCrmApi();
app.Run();

public partial class Program;
