# The recognition service and its queue worker in one image (the worker is the same program with "worker" first).
#   docker build -t mlnetplates/service:0.4.0 .
#   docker run -p 8080:8080 mlnetplates/service:0.4.0                                   # HTTP on :8080
#   docker run -e Queue__Uri=amqp://user:pass@rabbitmq:5672 mlnetplates/service:0.4.0 worker
# Not built in this repository's CI (no container engine there); see the README's section "Service".

# Build: restore on the project files alone first, so the packages stay cached while the code changes.
FROM mcr.microsoft.com/dotnet/sdk:10.0-noble AS build
WORKDIR /src
COPY Directory.Build.props ./
COPY Plates.Model/Plates.Model.csproj Plates.Model/
COPY Plates.Consume/Plates.Consume.csproj Plates.Consume/
COPY Plates.Hosting/Plates.Hosting.csproj Plates.Hosting/
COPY Plates.Service/Plates.Service.csproj Plates.Service/
RUN dotnet restore Plates.Service/Plates.Service.csproj -r linux-x64
COPY Plates.Model/ Plates.Model/
COPY Plates.Consume/ Plates.Consume/
COPY Plates.Hosting/ Plates.Hosting/
COPY Plates.Service/ Plates.Service/
# The shipped models: Plates.Consume copies them into the output as assets/models (the image carries them).
COPY assets/models/*.zip assets/models/
RUN dotnet publish Plates.Service/Plates.Service.csproj -c Release -r linux-x64 --self-contained false --no-restore -o /app \
 && test -f /app/assets/models/province.zip && test -f /app/assets/models/city.zip && test -f /app/assets/models/alnum.zip && test -f /app/assets/models/special.zip

# Run: the ASP.NET Core runtime, GTK 3 (OpenCvSharp's Linux runtime loads libgtk-3.so.0), the image's non-root user.
FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble AS runtime
RUN apt-get update \
 && apt-get install -y --no-install-recommends libgtk-3-0t64 \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app ./
# $APP_UID is the unprivileged "app" user (1654) that the .NET images define.
USER $APP_UID
ENV ASPNETCORE_HTTP_PORTS=8080
# Two malloc arenas instead of glibc's 8 per core: OpenCV's buffers, allocated on many thread-pool threads, otherwise
# spread over arenas that are never given back (README, "Service", memory: 630 → 854 MB over 10,000 requests without,
# 323 → 288 MB with).
ENV MALLOC_ARENA_MAX=2
EXPOSE 8080
ENTRYPOINT ["dotnet", "Plates.Service.dll"]
