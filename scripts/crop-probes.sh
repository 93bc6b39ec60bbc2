#!/usr/bin/env bash
# Crop probes: a folder of plate crops altered the ways a softer or smaller camera sees them (blurred by 0.7 and by 1
# pixel, halved), each read by `evaluate --crops` (the file name is the truth). Prints one line of counts per probe,
# the crops as they are first. Needs ImageMagick (installed when missing by scripts/install-deps.sh).
#
#   bash scripts/crop-probes.sh CROPS [work folder, default /tmp/plates-crop-probes] [evaluate options: --held-out, --models DIR]
#   e.g. bash scripts/crop-probes.sh ../shared/datasets/crops-zj /tmp/zj-probes --held-out
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 1 ] || { echo "usage: bash scripts/crop-probes.sh CROPS [WORK] [evaluate options]" >&2; exit 2; }
crops=${1%/}
[ -d "$crops" ] || { echo "error: $crops is not a folder" >&2; exit 2; }
shift
work=/tmp/plates-crop-probes
if [ $# -gt 0 ] && [ "${1#--}" = "$1" ]; then work=$1; shift; fi
shopt -s nullglob nocaseglob
images=("$crops"/*.jpg "$crops"/*.jpeg "$crops"/*.png)
shopt -u nocaseglob
[ ${#images[@]} -gt 0 ] || { echo "error: no images (.jpg, .jpeg, .png) in $crops" >&2; exit 2; }

bash scripts/install-deps.sh imagemagick
dotnet build Plates.Cli -c Release -v q -nologo >/dev/null

# name | ImageMagick options (empty: the crops as they are)
probes=(
  "as-is|"
  "blur07|-gaussian-blur 0x0.7"
  "blur10|-gaussian-blur 0x1"
  "half|-resize 50%"
)
# A count from the evaluation's report.json (no python needed).
count() { grep -o "\"$1\": *[0-9]*" "$2" | head -1 | grep -o '[0-9]*$'; }
mkdir -p "$work"
for probe in "${probes[@]}"; do
  IFS='|' read -r name options <<< "$probe"
  folder="$crops"
  if [ -n "$options" ]; then
    folder="$work/$name"
    # Made once per work folder: a marker written last says the copies are complete.
    if [ ! -f "$folder/.made" ]; then
      mkdir -p "$folder"
      for f in "${images[@]}"; do
        convert "$f" $options "$folder/$(basename "$f")" || echo "warning: ImageMagick could not alter $f; left out of $name" >&2
      done
      touch "$folder/.made"
    fi
  fi
  report="$work/$name-report"
  dotnet run --project Plates.Cli -c Release --no-build -- evaluate --crops "$folder" --out "$report" "$@" >/dev/null 2>&1 || true
  if [ ! -f "$report/report.json" ]; then echo "$name evaluate failed: no $report/report.json"; continue; fi
  json="$report/report.json"
  printf '%-7s crops %s, found %s, exact %s, within one %s, first character %s\n' "$name" \
    "$(count photos "$json")" "$(count found "$json")" "$(count exact "$json")" "$(count atMostOneError "$json")" "$(count firstCharacterRight "$json")"
done
