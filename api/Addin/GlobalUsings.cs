// Lets Program.cs wire the add-in with its single `app.MapAddin();` line, like the other features.
global using OutlookCrm.Api.Addin;
