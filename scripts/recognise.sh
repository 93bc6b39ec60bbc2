#!/usr/bin/env bash
# Main job: read the plates in photos (files or folders) with the shipped models.
#   scripts/recognise.sh [photos or folders...] [--json] [--annotate DIR]
# With no photo or folder named it reads the scene photos in ../shared/datasets/scenes.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
named=0 after_annotate=0
for argument in "$@"; do
  if [ "$after_annotate" -eq 1 ]; then after_annotate=0; continue; fi
  case "$argument" in
    --annotate|--models) after_annotate=1 ;;
    -*) ;;
    *) named=1 ;;
  esac
done
if [ "$named" -eq 0 ]; then
  set -- ../shared/datasets/scenes "$@"
fi
# Build messages go to stderr so that --json output stays one JSON object per line.
dotnet build Plates.Cli -c Release -nologo -v quiet >&2
exec dotnet run --project Plates.Cli -c Release --no-build -- "$@"
