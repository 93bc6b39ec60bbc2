#!/usr/bin/env bash
# Robustness probes: the scenes altered the ways unseen photos differ (darker, blurred, noisy, recompressed, smaller,
# larger, turned in the image plane as a camera mounted askew sees them, seen from the side as a parking camera
# beside the lane sees them), each read by `evaluate --scenes` against its GroundTruth.xml (boxes scaled with the photo). Prints one line of
# counts per probe. Needs ImageMagick (installed when missing by scripts/install-deps.sh).
# `--set DIR` alters another folder of photos named by their plate instead (the kinds photos: `--set
# ../shared/datasets/kinds`); without a GroundTruth.xml there, each photo is scored by its reading closest to its name.
#
#   bash scripts/probes.sh [work folder, default /tmp/plates-probes] [--set DIR] [--models DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
work=${1:-/tmp/plates-probes}
shift $(( $# > 0 ? 1 : 0 ))
scenes=../shared/datasets/scenes
if [ "${1:-}" = "--set" ]; then
  [ $# -ge 2 ] || { echo "error: --set needs a folder" >&2; exit 2; }
  scenes=${2%/}
  shift 2
  [ -d "$scenes" ] || { echo "error: $scenes is not a folder" >&2; exit 2; }
else
  [ -f "$scenes/GroundTruth.xml" ] || { echo "error: $scenes/GroundTruth.xml not found (datasets are expected beside the project)" >&2; exit 2; }
fi
shopt -s nullglob nocaseglob
photos=("$scenes"/*.jpg "$scenes"/*.jpeg "$scenes"/*.png)
shopt -u nocaseglob
[ ${#photos[@]} -gt 0 ] || { echo "error: no photos (.jpg, .jpeg, .png) in $scenes" >&2; exit 2; }

bash scripts/install-deps.sh imagemagick

# name | ImageMagick options | scale of the ground-truth boxes | their turn in degrees (clockwise, about the centre) |
# side view: vertical shear K (y' = y + K (x - centre), verticals stay vertical, as a plate seen from the side)
probes=(
  "dark65|-modulate 65|1|0|0"
  "dark50|-modulate 50|1|0|0"
  "blur15|-gaussian-blur 0x1.5|1|0|0"
  "noise|-attenuate 0.6 +noise Gaussian|1|0|0"
  "jpeg35|-quality 35|1|0|0"
  "half|-resize 50%|0.5|0|0"
  "large150|-resize 150%|1.5|0|0"
  "turn12|-virtual-pixel edge -distort SRT 12|1|12|0"
  "turn-12|-virtual-pixel edge -distort SRT -12|1|-12|0"
  "side20||1|0|0.2"
  "side-20||1|0|-0.2"
  "side40||1|0|0.4"
)

dotnet build Plates.Cli -c Release -v q -nologo >/dev/null
# Each photo's name, width and height: the turns and shears move its boxes about its centre (the canvas is kept).
mkdir -p "$work"
identify -format '%t %w %h\n' "${photos[@]}" > "$work/sizes.tsv" 2>/dev/null
mapfile -t widths < <(awk '{ print $(NF - 1) }' "$work/sizes.tsv")
for probe in "${probes[@]}"; do
  IFS='|' read -r name options scale turn side <<< "$probe"
  folder="$work/$name"
  if [ ! -f "$folder/.made" ]; then
    mkdir -p "$folder"
    for i in "${!photos[@]}"; do
      f=${photos[$i]}
      shear=""
      # Sheared about the photo's middle column, so the plates stay in the frame.
      [ "$side" != 0 ] && shear="-virtual-pixel edge -distort AffineProjection 1,$side,0,1,0,$(awk "BEGIN { print -($side) * ${widths[$i]} / 2 }")"
      # -seed keeps the noise probe the same from run to run.
      convert "$f" -seed 1 $options $shear "$folder/$(basename "$f")" 2>/dev/null
    done
    [ -f "$scenes/GroundTruth.xml" ] && python3 - "$scenes/GroundTruth.xml" "$folder/GroundTruth.xml" "$scale" "$turn" "$work/sizes.tsv" "$side" <<'PY'
import math, re, sys
source, target, scale, turn, sizes, side = sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4]), sys.argv[5], float(sys.argv[6])
size = {}
for line in open(sizes, encoding="utf-8"):
    name, w, h = line.rsplit(None, 2)
    size[name] = (int(w), int(h))
text = open(source, encoding="utf-8").read()
scaled = re.sub(r'\b(x|y|width|height)="(-?\d+)"', lambda m: '%s="%d"' % (m.group(1), round(int(m.group(2)) * scale)), text)

def turned(image):
    # A box's centre turns with the photo about the photo's centre (x right, y down: clockwise on screen), and so does its angle.
    name = re.search(r"<imageName>(.*?)</imageName>", image.group(0)).group(1)
    w, h = size[name]
    cx, cy, a = w / 2, h / 2, math.radians(turn)
    def box(m):
        x, y, r = float(m.group(1)), float(m.group(2)), float(m.group(3))
        nx = cx + (x - cx) * math.cos(a) - (y - cy) * math.sin(a)
        ny = cy + (x - cx) * math.sin(a) + (y - cy) * math.cos(a) + side * (x - cx)
        return m.group(0).replace(f'x="{m.group(1)}"', 'x="%d"' % round(nx), 1).replace(f'y="{m.group(2)}"', 'y="%d"' % round(ny), 1) \
            .replace(f'rotation="{m.group(3)}"', 'rotation="%d"' % round(r + turn + math.degrees(math.atan(side))), 1)
    return re.sub(r'<taggedRectangle x="(-?\d+)" y="(-?\d+)" [^>]*?rotation="(-?\d+)"[^>]*>', box, image.group(0))

if turn != 0 or side != 0:
    scaled = re.sub(r"<image>.*?</image>", turned, scaled, flags=re.S)
open(target, "w", encoding="utf-8").write(scaled)
PY
    touch "$folder/.made"
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
      f"first character {r['firstCharacterRight']}, false detections {'–' if r['falseDetections'] is None else r['falseDetections']}")
PY
done
