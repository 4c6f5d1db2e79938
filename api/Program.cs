using OutlookCrm.Api;
using OutlookCrm.Api.Lookup;

var builder = OutlookCrm.Api.Hosting.CrmHost.CreateBuilder(args);
builder.AddCrmDatabase();
builder.AddCrmAuth();
builder.AddHotPaths();
builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = ProblemLanguage.Translate);
builder.Services.AddExceptionHandler<CrmExceptionHandler>();
builder.Services.AddValidation();
builder.Services.AddOpenApi();
builder.Services.ConfigureHttpJsonOptions(o =>
    o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));

var app = builder.Build();
if (await app.RunCommandAsync(args)) return;

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseAuthorization();
// Only the documents that exist: any other name falls through to the ProblemDetails 404.
app.MapOpenApi("/openapi/{documentName:regex(^v1$)}.json");
app.MapHealth();
app.MapDevSignIn();
app.MapAddin();
app.MapCrmApi();
app.Run();

public partial class Program;
