#!/usr/bin/env bash
# The tests that need file permissions enforced (TestCategory "Permissions": an unlistable class folder, an --out the
# user cannot write). As root they end inconclusive, since root ignores permissions; this runs them as an unprivileged
# user (NONROOT_USER, default nobody) through runuser, on the test binaries built here. Run as a normal user, it runs
# them directly. Ends with the test run's own summary; exit status 0 only when they all passed.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
dotnet build Plates.Tests -c Release -nologo -v quiet
tests="$repo/Plates.Tests/bin/Release/net10.0/Plates.Tests.dll"
filter="TestCategory=Permissions"
# The user needs a home of its own for dotnet's first-run files and the results; the binaries only need reading.
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
chmod 777 "$home"
cd "$home"
run=(dotnet test "$tests" --filter "$filter" --results-directory "$home/results" --logger "console;verbosity=normal")
if [ "$(id -u)" -eq 0 ]; then
  user=${NONROOT_USER:-nobody}
  command -v runuser >/dev/null || { echo "error: runuser not found; run this script as an unprivileged user instead." >&2; exit 1; }
  run=(runuser -u "$user" -- env HOME="$home" DOTNET_CLI_HOME="$home" DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 "${run[@]}")
fi
status=0
"${run[@]}" 2>&1 | tee "$home/log" || status=$?
# A test ending inconclusive here means permissions were still not enforced: a failure of this check, not a pass.
if grep -qE '^ +(Skipped|Not Run): +[1-9]' "$home/log"; then
  echo "error: some permission tests did not run (inconclusive): permissions are not enforced for this user." >&2
  exit 1
fi
exit $status
