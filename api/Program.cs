using OutlookCrm.Api;

var builder = WebApplication.CreateBuilder(args);
builder.AddCrmDatabase();
builder.AddCrmAuth();
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<CrmExceptionHandler>();
builder.Services.AddValidation();
builder.Services.AddOpenApi();
builder.Services.ConfigureHttpJsonOptions(o => StrictJson.Configure(o.SerializerOptions));

var app = builder.Build();
if (await app.RunCommandAsync(args)) return;

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseDefaultFiles();
app.UseStaticFiles();
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
