# The `flatness` command in a container, for docs/cluster/indexed-job.yaml (a Kubernetes Indexed Job) or other runners.
#
#   docker build -t flatness-verify:latest .                        # from the repository root
#   docker run --rm -v "$PWD/out:/data" flatness-verify:latest check A-01 --out /data/reports
#
# To run the Job, make the image reachable by the cluster: push it to your registry and put that name in the Job,
#   docker tag flatness-verify:latest REGISTRY/flatness-verify:latest && docker push REGISTRY/flatness-verify:latest
# or, on a local kind or minikube cluster, load it without a registry:
#   kind load docker-image flatness-verify:latest                   # or: minikube image load flatness-verify:latest
#
# Build stage: the .NET SDK 10, and what the build itself needs: a C compiler and libz3-4 to link the Z3 shim
# (src/Symbolic/native/z3shim.c, linked against libz3.so.4). Runtime stage: the .NET runtime and only the packages
# the published output uses at run time: libz3-4 (under the shim), fonts for the figures, and libopenblas0-pthread for
# the numerics engine's optional OpenBLAS backend. Both stages are Ubuntu 24.04, whose libz3-4 is Z3 4.8.12 like
# Debian 12's, the version the shim is tested against. tests/Cli.Tests/Cluster/DockerfileTests.cs checks that the
# published output's native libraries need nothing beyond the runtime image and the packages installed below.

FROM mcr.microsoft.com/dotnet/sdk:10.0-noble AS build
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
        gcc libc6-dev libz3-4 \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN dotnet publish src/Cli -c Release -o /dist -nologo

FROM mcr.microsoft.com/dotnet/runtime:10.0-noble AS runtime
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
        libz3-4 fontconfig fonts-dejavu-core libopenblas0-pthread \
    && rm -rf /var/lib/apt/lists/*
COPY --from=build /dist /opt/flatness
RUN printf '#!/bin/sh\nexec dotnet /opt/flatness/flatness.dll "$@"\n' > /usr/local/bin/flatness \
    && chmod 755 /usr/local/bin/flatness
WORKDIR /data
ENTRYPOINT ["flatness"]
CMD ["--help"]
