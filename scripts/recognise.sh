#!/usr/bin/env bash
# Main job: read the plates in photos (files or folders) with the shipped models.
#   scripts/recognise.sh [photos or folders...] [--json] [--annotate DIR]
# With no argument it reads the scene photos in ../shared/datasets/scenes.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
if [ $# -eq 0 ]; then
  set -- ../shared/datasets/scenes
fi
dotnet build Plates.Consume -c Release -nologo -v quiet
exec dotnet run --project Plates.Consume -c Release --no-build -- "$@"
