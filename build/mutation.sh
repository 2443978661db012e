#!/usr/bin/env bash
# Mutation testing of the domain (src/Domain) with its unit tests (tests/Domain.Tests), using dotnet-stryker
# from the local tool manifest (.config/dotnet-tools.json). Kept out of build/test.sh: a run takes minutes.
#
#   build/mutation.sh [extra stryker arguments]
#
# The HTML and JSON reports go to build/.out/mutation/; the mutation score is printed at the end.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

dotnet tool restore
cd tests/Domain.Tests
dotnet tool run dotnet-stryker \
    --project Domain.csproj \
    --test-project Domain.Tests.csproj \
    --reporter html --reporter json --reporter progress \
    --output ../../build/.out/mutation \
    --break-at 80 --skip-version-check \
    "$@"
