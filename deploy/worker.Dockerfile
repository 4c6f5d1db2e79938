# The sync worker image: published with the .NET SDK, run on the .NET runtime. Its state lives in a volume.
# Build from the repository root: docker build -f deploy/worker.Dockerfile -t outlookcrm-sync-worker .
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Build.targets Directory.Packages.props ./
COPY sync-worker/ sync-worker/
RUN dotnet publish sync-worker/OutlookCrm.SyncWorker.csproj -c Release -o /app -p:UseAppHost=false -nologo -v q

# The ASP.NET Core runtime: the worker serves its health endpoints (/health/live, /health/ready on port 5090).
FROM mcr.microsoft.com/dotnet/aspnet:10.0
# curl for the health check; the image has no shell tools otherwise.
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app ./
ENV DOTNET_RUNNING_IN_CONTAINER=true \
    Sync__StateDirectory=/var/lib/outlookcrm/sync-state
USER root
RUN mkdir -p /var/lib/outlookcrm/sync-state && chown -R $APP_UID /var/lib/outlookcrm
USER $APP_UID
VOLUME /var/lib/outlookcrm
HEALTHCHECK --interval=30s --timeout=5s --start-period=2m --retries=3 \
    CMD curl -fsS http://localhost:5090/health/ready || exit 1
ENTRYPOINT ["dotnet", "OutlookCrm.SyncWorker.dll"]
