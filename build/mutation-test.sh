#!/usr/bin/env bash
# Mutation testing with Stryker.NET (dotnet-stryker from the tool manifest). Not part of CI: it is slow.
# Usage: build/mutation-test.sh sdk|hosted-pbx|starface-cti|connectel|commpeak-dialer|core-sync [glob...]
# Globs after the target replace its list of mutated files (relative to the project under test), e.g. a subset:
#   build/mutation-test.sh core-sync "**/Sync/Delivery/DeleteGuard.cs" "**/Sync/Delivery/ConnectorResilience.cs"
# Runs at low priority with one test runner, so it can share a small machine. Reports (HTML, JSON, Markdown)
# go to artifacts/mutation/<target>/reports/. See docs/testing.md for the scores measured and the survivors.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
target="${1:-}"
filter=""

# Per target: the test project directory, the project under test and the files mutated (globs relative to that project).
case "$target" in
  sdk)
    tests="tests/ConnectorHost.Sdk.Tests"; project="ConnectorHost.Sdk.csproj"
    mutate=("**/*.cs") ;;
  hosted-pbx)
    # Rules (user settings, connector settings, numbers) and the gateway; the actions are covered by their own tests.
    tests="tests/Plugins/HostedPbx.Tests"; project="HostedPbx.csproj"
    mutate=("**/Gateway/*.cs" "**/Users/*.cs" "**/Settings/HostedPbxOptions.cs") ;;
  starface-cti)
    tests="tests/Plugins/Starface.Cti.Tests"; project="Starface.Cti.csproj"
    mutate=("**/Gateway/*.cs" "**/Users/*.cs" "**/Groups/*.cs" "**/Settings/*.cs" "**/Actions/*.cs" "**/ScreenPop/*.cs" "**/BusinessCentral/*.cs") ;;
  connectel)
    # As hosted-pbx: rules (user settings, connector settings) and the gateway.
    tests="tests/Plugins/Connectel.Tests"; project="Connectel.csproj"
    mutate=("**/Gateway/*.cs" "**/Users/*.cs" "**/Settings/ConnectelOptions.cs") ;;
  commpeak-dialer)
    # As hosted-pbx: rules (user settings, connector settings) and the gateway.
    tests="tests/Plugins/CommPeak.Dialer.Tests"; project="CommPeak.Dialer.csproj"
    mutate=("**/Gateway/*.cs" "**/Users/*.cs" "**/Settings/CommPeakOptions.cs") ;;
  core-sync)
    # The sync engine (outbox, delivery, breaker, backoff, delete guard), proven by the host's Sync/ tests (fake clock,
    # real SQLite and Kestrel). Only those run: the rest of the host tests would make a run take many hours, and
    # CrashRecoveryTests starts real host processes that would not load the mutated assembly.
    tests="tests/ConnectorHost.Host.Tests"; project="ConnectorHost.Core.csproj"
    mutate=("**/Sync/**/*.cs")
    filter="FullyQualifiedName~ConnectorHost.Host.Tests.Sync.&FullyQualifiedName!~CrashRecoveryTests" ;;
  *)
    echo "usage: $0 sdk|hosted-pbx|starface-cti|connectel|commpeak-dialer|core-sync [glob...]" >&2
    exit 2 ;;
esac

if [ "$#" -gt 1 ]; then
  mutate=("${@:2}")
fi
args=()
if [ -n "$filter" ]; then
  args+=(--test-case-filter "$filter")
fi
for glob in "${mutate[@]}"; do
  args+=(--mutate "$glob")
done

cd "$root"
dotnet tool restore >/dev/null
# Stryker's project analysis fails ("Could not find build environment") in a fresh clone that was never restored.
dotnet restore "$tests" >/dev/null
cd "$root/$tests"
exec nice -n 10 dotnet stryker \
  --project "$project" \
  --concurrency 1 \
  --reporter Progress --reporter ClearText --reporter Html --reporter Json --reporter Markdown \
  --threshold-high 85 --threshold-low 70 \
  --output "$root/artifacts/mutation/$target" \
  --skip-version-check \
  "${args[@]}"
