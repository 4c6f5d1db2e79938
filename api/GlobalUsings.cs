// The namespaces nearly every feature file of the API needs; feature folders keep their own usings beyond these.
global using Microsoft.AspNetCore.Http.HttpResults;
global using Microsoft.EntityFrameworkCore;
global using OutlookCrm.Api.Addin;
global using OutlookCrm.Api.Auth;
global using OutlookCrm.Api.Data;
global using OutlookCrm.Api.Errors;
global using OutlookCrm.Api.Http;
