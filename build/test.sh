#!/usr/bin/env bash
# Builds the solution and runs every test project against local PostgreSQL and
# RabbitMQ instances (build/services.sh).
#
#   build/test.sh [--filter EXPR]
#
# Each tests/*/*.Tests.csproj runs on its own, one after the other; a failing
# project does not stop the others. Results go to build/.out/test-results/
# (one .trx per project). The last line printed is "N passed, M failed"; the
# exit code is 0 only when nothing failed and every project produced results.
#
# Environment: LRS_TEST_HANG_TIMEOUT (default 20m) ends a test run that hangs.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
REPO_ROOT="$PWD"

FILTER=""
while [[ $# -gt 0 ]]; do
    case "$1" in
        --filter) [[ $# -ge 2 ]] || { echo "--filter needs an expression" >&2; exit 2; }
                  FILTER="$2"; shift 2 ;;
        --filter=*) FILTER="${1#--filter=}"; shift ;;
        -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
        *) echo "unknown argument: $1 (usage: build/test.sh [--filter EXPR])" >&2; exit 2 ;;
    esac
done

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
RESULTS_DIR="$REPO_ROOT/build/.out/test-results"
SERVICES="$REPO_ROOT/build/services.sh"
T0=$SECONDS

say() { printf '==> %s\n' "$*"; }

# Stops, on exit, only the services this run started.
STARTED=()
stop_services() {
    if [[ ${#STARTED[@]} -gt 0 ]]; then
        bash "$SERVICES" stop "${STARTED[@]}" || echo "warning: could not stop ${STARTED[*]}" >&2
        STARTED=()
    fi
}
trap stop_services EXIT

finish() { # passed failed exit-code
    stop_services
    trap - EXIT
    echo "$1 passed, $2 failed"
    exit "$3"
}

# ---------------------------------------------------------------- services
say "services"
for svc in postgres rabbitmq; do
    if ! bash "$SERVICES" status "$svc" >/dev/null 2>&1; then
        STARTED+=("$svc")
    fi
done
if ! bash "$SERVICES" start; then
    echo "ERROR: the test services (PostgreSQL / RabbitMQ) could not be started" >&2
    finish 0 1 1
fi
eval "$(bash "$SERVICES" env)"
export LRS_TEST_POSTGRES LRS_TEST_RABBITMQ

# ---------------------------------------------------------------- client-library test packages
say "node packages"
if ! bash "$SERVICES" node-packages; then
    echo "ERROR: node/npm or the client-library test packages could not be installed" >&2
    finish 0 1 1
fi

# ---------------------------------------------------------------- browser for the portal tests
# The portal tests drive Debian's Chromium through Playwright; Playwright must never download a browser of its own.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 PLAYWRIGHT_SKIP_VALIDATE_HOST_REQUIREMENTS=1
if [[ ! -x /usr/bin/chromium ]]; then
    say "installing Debian's chromium"
    if ! { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium; }; then
        echo "ERROR: /usr/bin/chromium is missing and the chromium package could not be installed" >&2
        finish 0 1 1
    fi
fi

# ---------------------------------------------------------------- build
say "dotnet build Lrs.sln -c Release"
BUILD_ARGS=(-c Release)
if [[ "${CI:-}" == true ]]; then
    # leave no build servers behind on CI
    BUILD_ARGS+=(-nodeReuse:false -p:UseSharedCompilation=false)
fi
if ! dotnet build Lrs.sln "${BUILD_ARGS[@]}"; then
    echo "ERROR: dotnet build Lrs.sln -c Release failed; no tests were run" >&2
    finish 0 1 1
fi

# ---------------------------------------------------------------- tests
rm -rf "$RESULTS_DIR"
mkdir -p "$RESULTS_DIR"

shopt -s nullglob
PROJECTS=(tests/*/*.Tests.csproj)
shopt -u nullglob
if [[ ${#PROJECTS[@]} -eq 0 ]]; then
    echo "ERROR: no test projects found (tests/*/*.Tests.csproj)" >&2
    finish 0 1 1
fi

# attribute value from a <Counters .../> element
counter() { # element name
    local v
    v=$(printf '%s' "$1" | grep -o " $2=\"[0-9]*\"" | grep -o '[0-9]\+' || true)
    echo "${v:-0}"
}

TOTAL_PASSED=0
TOTAL_FAILED=0
INCOMPLETE=0
SUMMARY=()
for proj in "${PROJECTS[@]}"; do
    name="$(basename "$proj" .csproj)"
    trx="$RESULTS_DIR/$name.trx"
    say "dotnet test $proj"
    args=(test "$proj" --no-build -c Release
          --logger "trx;LogFileName=$name.trx" --results-directory "$RESULTS_DIR"
          --blame-hang-timeout "${LRS_TEST_HANG_TIMEOUT:-20m}" --blame-hang-dump-type none)
    [[ -n "$FILTER" ]] && args+=(--filter "$FILTER")
    rc=0
    dotnet "${args[@]}" || rc=$?

    counters=""
    [[ -f "$trx" ]] && counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1 || true)
    if [[ -z "$counters" ]]; then
        # crashed before writing results: counts as a failure
        INCOMPLETE=$((INCOMPLETE + 1))
        TOTAL_FAILED=$((TOTAL_FAILED + 1))
        SUMMARY+=("$name: no results (dotnet test exit code $rc; is it built by Lrs.sln?) - counted as 1 failed")
        continue
    fi
    passed=$(counter "$counters" passed)
    failed=$(( $(counter "$counters" failed) + $(counter "$counters" error) \
             + $(counter "$counters" timeout) + $(counter "$counters" aborted) ))
    if [[ $rc -ne 0 && $failed -eq 0 ]]; then
        # e.g. the test host died after the last recorded result
        failed=1
        INCOMPLETE=$((INCOMPLETE + 1))
        SUMMARY+=("$name: $passed passed, but dotnet test exit code $rc with no failed test recorded - counted as 1 failed")
    else
        SUMMARY+=("$name: $passed passed, $failed failed (of $(counter "$counters" total))")
    fi
    TOTAL_PASSED=$((TOTAL_PASSED + passed))
    TOTAL_FAILED=$((TOTAL_FAILED + failed))
done

echo
say "results (${#PROJECTS[@]} projects, $((SECONDS - T0))s; trx files in ${RESULTS_DIR#"$REPO_ROOT/"})"
printf '    %s\n' "${SUMMARY[@]}"
code=0
if [[ $TOTAL_FAILED -ne 0 || $INCOMPLETE -ne 0 ]]; then code=1; fi
finish "$TOTAL_PASSED" "$TOTAL_FAILED" "$code"
