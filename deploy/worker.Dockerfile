# The sync worker image: published with the .NET SDK, run on the .NET runtime. Its state lives in a volume.
# Build from the repository root: docker build -f deploy/worker.Dockerfile -t outlookcrm-sync-worker .
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Build.targets Directory.Packages.props ./
COPY sync-worker/ sync-worker/
RUN dotnet publish sync-worker/OutlookCrm.SyncWorker.csproj -c Release -o /app -p:UseAppHost=false -nologo -v q

FROM mcr.microsoft.com/dotnet/runtime:10.0
WORKDIR /app
COPY --from=build /app ./
ENV DOTNET_RUNNING_IN_CONTAINER=true \
    Sync__StateDirectory=/var/lib/outlookcrm/sync-state
USER root
RUN mkdir -p /var/lib/outlookcrm/sync-state && chown -R $APP_UID /var/lib/outlookcrm
USER $APP_UID
VOLUME /var/lib/outlookcrm
# Healthy while status.json (written after every successful cycle) is less than 10 minutes old.
HEALTHCHECK --interval=60s --timeout=5s --start-period=5m --retries=3 \
    CMD test -n "$(find /var/lib/outlookcrm/sync-state/status.json -mmin -10 2>/dev/null)" || exit 1
ENTRYPOINT ["dotnet", "OutlookCrm.SyncWorker.dll"]
