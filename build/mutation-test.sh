#!/usr/bin/env bash
# Mutation testing with Stryker.NET (dotnet-stryker from the tool manifest). Not part of CI: it is slow.
# Usage: build/mutation-test.sh sdk|hosted-pbx|starface-cti|connectel|commpeak-dialer
# Runs at low priority with one test runner, so it can share a small machine. Reports (HTML, JSON, Markdown)
# go to artifacts/mutation/<target>/reports/. See docs/testing.md for the scores measured and the survivors.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
target="${1:-}"

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
  *)
    echo "usage: $0 sdk|hosted-pbx|starface-cti|connectel|commpeak-dialer" >&2
    exit 2 ;;
esac

args=()
for glob in "${mutate[@]}"; do
  args+=(--mutate "$glob")
done

cd "$root"
dotnet tool restore >/dev/null
cd "$root/$tests"
exec nice -n 10 dotnet stryker \
  --project "$project" \
  --concurrency 1 \
  --reporter Progress --reporter ClearText --reporter Html --reporter Json --reporter Markdown \
  --threshold-high 85 --threshold-low 70 \
  --output "$root/artifacts/mutation/$target" \
  --skip-version-check \
  "${args[@]}"
