#!/usr/bin/env bash
# The permission cases (MSTest category AsUser, e.g. a folder that cannot be listed): as root they end inconclusive,
# since root reads any folder, so this runs them again as an unprivileged user (default: nobody) on the tests already
# built by scripts/test.sh. Run it as root; it switches user with runuser. It fails unless every such test passed.
set -euo pipefail
cd "$(dirname "$0")/.."
user="${1:-nobody}"
if [ "$(id -u)" != 0 ]; then echo "error: run as root: the script switches to '$user' with runuser" >&2; exit 2; fi
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
chmod 755 "$scratch"
mkdir -p "$scratch/home" "$scratch/results"
chown -R "$user" "$scratch/home" "$scratch/results"
# The test binaries and datasets must be readable by the user; nothing under the repository is written.
log="$scratch/results/as-user.log"
set +e
# dotnet vstest on the built assembly: dotnet test, run as a user who may not write the repository, ends at its
# build step without running anything.
runuser -u "$user" -- env HOME="$scratch/home" DOTNET_CLI_HOME="$scratch/home" DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 \
  TMPDIR="$scratch/home" dotnet vstest Plates.Tests/bin/Release/net10.0/Plates.Tests.dll --TestCaseFilter:TestCategory=AsUser \
  --ResultsDirectory:"$scratch/results" --logger:"trx;LogFileName=as-user.trx" > "$log" 2>&1
status=$?
set -e
trx="$scratch/results/as-user.trx"
if [ ! -f "$trx" ]; then cat "$log"; echo "error: the tests did not run as $user" >&2; exit 1; fi
counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
total=$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters")
passed=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
echo "as $user: ${passed:-0} of ${total:-0} permission tests passed"
if [ "$status" -ne 0 ] || [ "${passed:-0}" != "${total:-0}" ] || [ "${total:-0}" = 0 ]; then cat "$log"; exit 1; fi
