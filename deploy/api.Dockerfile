# The API image: task pane built with node, API published with the .NET SDK, run on the ASP.NET Core runtime.
# Build from the repository root: docker build -f deploy/api.Dockerfile -t outlookcrm-api .
# (deploy/check.sh runs the same `dotnet publish` line and checks every COPY source; no container runtime there.)
FROM node:20-bookworm-slim AS addin
WORKDIR /src/addin
COPY addin/package.json addin/package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error
COPY addin/ ./
COPY manifest.xml /src/manifest.xml
RUN npm run build

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Build.targets Directory.Packages.props ./
COPY api/ api/
RUN dotnet publish api/OutlookCrm.Api.csproj -c Release -o /app -p:UseAppHost=false -nologo -v q

FROM mcr.microsoft.com/dotnet/aspnet:10.0
# curl for the health check (compose, Kubernetes exec probes); the image has no shell tools otherwise.
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app ./
COPY --from=addin /src/addin/dist ./addin
ENV ASPNETCORE_HTTP_PORTS=8080 \
    DOTNET_RUNNING_IN_CONTAINER=true \
    Addin__DistPath=/app/addin \
    Database__Provider=PostgreSql
USER $APP_UID
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 CMD curl -fsS http://localhost:8080/health/ready || exit 1
ENTRYPOINT ["dotnet", "OutlookCrm.Api.dll"]
