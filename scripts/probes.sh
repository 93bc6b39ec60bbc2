#!/usr/bin/env bash
# Robustness probes: the scenes altered the ways unseen photos differ (darker, blurred, noisy, recompressed, smaller,
# larger), each read by `evaluate --scenes` against its GroundTruth.xml (boxes scaled with the photo). Prints one line of
# counts per probe. Needs ImageMagick (installed when missing, like scripts/install-deps.sh does its packages).
#
#   bash scripts/probes.sh [work folder, default /tmp/plates-probes] [--models DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
work=${1:-/tmp/plates-probes}
shift $(( $# > 0 ? 1 : 0 ))
scenes=../shared/datasets/scenes
[ -f "$scenes/GroundTruth.xml" ] || { echo "error: $scenes/GroundTruth.xml not found (datasets are expected beside the project)" >&2; exit 2; }

bash scripts/install-deps.sh
if ! command -v convert >/dev/null; then
  echo "Installing imagemagick ..." >&2
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends imagemagick >/dev/null
fi

# name | ImageMagick options | scale of the ground-truth boxes
probes=(
  "dark65|-modulate 65|1"
  "dark50|-modulate 50|1"
  "blur15|-gaussian-blur 0x1.5|1"
  "noise|-attenuate 0.6 +noise Gaussian|1"
  "jpeg35|-quality 35|1"
  "half|-resize 50%|0.5"
  "large150|-resize 150%|1.5"
)

dotnet build Plates.Cli -c Release -v q -nologo >/dev/null
for probe in "${probes[@]}"; do
  IFS='|' read -r name options scale <<< "$probe"
  folder="$work/$name"
  if [ ! -f "$folder/GroundTruth.xml" ]; then
    mkdir -p "$folder"
    for f in "$scenes"/*.[jJ][pP][gG]; do
      # -seed keeps the noise probe the same from run to run.
      convert "$f" -seed 1 $options "$folder/$(basename "$f")" 2>/dev/null
    done
    python3 - "$scenes/GroundTruth.xml" "$folder/GroundTruth.xml" "$scale" <<'PY'
import re, sys
source, target, scale = sys.argv[1], sys.argv[2], float(sys.argv[3])
text = open(source, encoding="utf-8").read()
scaled = re.sub(r'\b(x|y|width|height)="(-?\d+)"', lambda m: '%s="%d"' % (m.group(1), round(int(m.group(2)) * scale)), text)
open(target, "w", encoding="utf-8").write(scaled)
PY
  fi
  dotnet run --project Plates.Cli -c Release --no-build -- evaluate --scenes "$folder" --out "$work/$name-report" "$@" >/dev/null 2>&1 || true
  python3 - "$name" "$work/$name-report/report.json" <<'PY'
import json, sys
name, path = sys.argv[1], sys.argv[2]
try:
    r = json.load(open(path, encoding="utf-8"))
except OSError:
    print(f"{name:9} evaluate failed: no {path}")
    sys.exit(0)
print(f"{name:9} photos {r['photos']}, found {r['found']}, exact {r['exact']}, within one {r['atMostOneError']}, "
      f"first character {r['firstCharacterRight']}, false detections {r['falseDetections']}")
PY
done
