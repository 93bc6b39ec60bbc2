#!/usr/bin/env bash
# Reproduces the shipped character models from the data in one command, and prints the figures they give:
#   1. trains the chars-only models that check the harvest's cuts (a harvest checked by the very models it then replaces
#      would change from run to run; these are trained from chars/ alone, so the harvest is the same every time);
#   2. renders the special plates' characters 使领警学挂港澳 from Noto Sans CJK into a temporary root (train render);
#   3. harvests the training halves of crops-zj and crops (HeldOutSplit keeps the other halves out) with those models;
#   4. trains the province model on chars + harvest + rendered specials, city and alnum on chars alone (README,
#      "Training on more than chars": harvested letters and digits lost scene plates), into OUT with --force;
#   5. evaluates OUT on the scenes and on the held-out halves of crops and crops-zj, and prints one table.
# Usage: scripts/train-models.sh [OUT]     OUT defaults to assets/models (the shipped models and their reports);
#        DATASETS=/path/to/datasets overrides ../shared/datasets. Takes 10–20 minutes on two busy cores.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-assets/models}
datasets=${DATASETS:-../shared/datasets}
# The weights of the extra roots beside chars/ (README table: the configuration these figures come from).
harvest_weight=0.5
specials_weight=0.3
specials_count=300

bash scripts/install-deps.sh
dotnet build MlNetPlates.sln -c Release -nologo -v quiet
train() { dotnet run --project Plates.Train -c Release --no-build -- "$@"; }
plates() { dotnet run --project Plates.Cli -c Release --no-build -- "$@"; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "== 1. chars-only models to check the harvest's cuts"
train train --data "$datasets/chars" --out "$work/checkers" --model province
train train --data "$datasets/chars" --out "$out" --model city alnum --force
cp "$out/city.zip" "$out/alnum.zip" "$work/checkers/"

echo "== 2. the special characters, rendered"
train render --out "$work/specials" --count "$specials_count"

echo "== 3. the training halves of crops-zj and crops, harvested"
train harvest --crops "$datasets/crops-zj" --crops "$datasets/crops" --out "$work/harvest" --models "$work/checkers"

echo "== 4. province on chars + harvest:$harvest_weight + specials:$specials_weight"
train train --data "$datasets/chars" --data "$work/harvest:$harvest_weight" --data "$work/specials:$specials_weight" \
  --out "$out" --model province --force

echo "== 5. evaluation"
for set in scenes crops crops-zj; do
  if [ "$set" = scenes ]; then what=(--scenes "$datasets/scenes"); else what=(--crops "$datasets/$set" --held-out); fi
  plates evaluate "${what[@]}" --models "$out" --out "$work/evaluation/$set" > "$work/evaluation-$set.txt" 2>/dev/null || true
done
python3 - "$work/evaluation" <<'PY'
import json, sys
print("| set | images | found | exact | ≤ 1 error | first character | false detections |")
print("|---|---|---|---|---|---|---|")
for name, label in [("scenes", "scenes"), ("crops", "crops, held-out half"), ("crops-zj", "crops-zj, held-out half")]:
    r = json.load(open(f"{sys.argv[1]}/{name}/report.json"))
    n = r["photos"]
    cell = lambda k: f"{r[k]} ({100 * r[k] / n:.1f}%)"
    false = r["falseDetections"] if r["falseDetections"] is not None else "–"
    print(f"| {label} | {n} | {r['found']} | {cell('exact')} | {cell('atMostOneError')} | {cell('firstCharacterRight')} | {false} |")
PY
echo "models and reports: $out"
