#!/usr/bin/env bash
# Reproduces the shipped character models from the data in one command, and prints the figures they give:
#   1. trains the chars-only models that check the harvest's cuts (a harvest checked by the very models it then replaces
#      would change from run to run; these are trained from chars/ alone, so the harvest is the same every time);
#   2. harvests the training halves of crops-zj and crops (HeldOutSplit keeps the other halves out) with those models;
#   3. renders the special plates' characters 使领警学挂港澳 from Noto Sans CJK into a temporary root (train render),
#      used only with SPECIALS=1: until each position is read with its layout's classes only (the plate-kinds work),
#      a province model that knows them reads a doubtful first character as one of them (README, "Character classes");
#   4. trains the province model on chars + the harvest, city and alnum on chars alone, into OUT with --force (README,
#      "Training on more than chars": of the mixes tried, the one that raised crops-zj most and kept every scene count);
#   5. evaluates OUT on the scenes and on the held-out halves of crops and crops-zj, and prints one table.
# Usage: scripts/train-models.sh [OUT]     OUT defaults to assets/models (the shipped models and their reports);
#        DATASETS=/path/to/datasets overrides ../shared/datasets; SPECIALS=1 adds the rendered special characters to
#        the province model. Takes 10–20 minutes on two busy cores.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-assets/models}
datasets=${DATASETS:-../shared/datasets}
# The rendered specials' weight beside chars/ and the harvest (README table), and crops drawn per character.
specials_weight=0.3
specials_count=300
specials=${SPECIALS:-0}

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

echo "== 2. the training halves of crops-zj and crops, harvested"
train harvest --crops "$datasets/crops-zj" --crops "$datasets/crops" --out "$work/harvest" --models "$work/checkers"

roots=(--data "$datasets/chars" --data "$work/harvest")
if [ "$specials" = 1 ]; then
  echo "== 3. the special characters, rendered"
  train render --out "$work/specials" --count "$specials_count"
  roots+=(--data "$work/specials:$specials_weight")
fi

echo "== 4. province on ${roots[*]}"
train train "${roots[@]}" --out "$out" --model province --force

echo "== 5. evaluation"
for set in scenes crops crops-zj; do
  if [ "$set" = scenes ]; then what=(--scenes "$datasets/scenes"); else what=(--crops "$datasets/$set" --held-out); fi
  plates evaluate "${what[@]}" --models "$out" --out "$work/evaluation/$set" > "$work/evaluation-$set.txt" 2>/dev/null || true
done
# The table from each report.md's rows (awk, not python: a fresh Debian machine has no python).
echo "| set | images | found | exact | ≤ 1 error | first character | false detections |"
echo "|---|---|---|---|---|---|---|"
for set in scenes crops crops-zj; do
  awk -F' [|] ' -v set="$set" '
    function value(text) { sub(/ *[|]$/, "", text); return text }
    /^[|] images [|]/ { images = value($2) }
    /^[|] plates found/ { found = value($2) }
    /^[|] exact plates/ { exact = value($2) }
    /^[|] plates with at most 1 wrong/ { one = value($2) }
    /^[|] first .Chinese. character right/ { first = value($2) }
    /^[|] false detections/ { fp = value($2); sub(/ in .*/, "", fp); sub(/^not counted.*/, "–", fp) }
    END { name = set == "scenes" ? set : set ", held-out half"; printf "| %s | %s | %s | %s | %s | %s | %s |\n", name, images, found, exact, one, first, fp }
  ' "$work/evaluation/$set/report.md"
done
echo "models and reports: $out"
