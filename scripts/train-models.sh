#!/usr/bin/env bash
# Trains the character models from the data in one command, as the shipped ones were made, and prints the figures they
# give. (The shipped ones in assets/models were made at commit b21abed; the segmenter has changed since, lately by
# sharpening the harvest's soft crops, so today's run gives models within a plate or two of them: README, "Soft plates
# sharpened".)
#   1. trains chars-only models that check the harvest's cuts (checked by the models it then replaces, the harvest
#      would change from run to run; these come from chars/ alone, so it is the same every time);
#   2. harvests the training halves of crops-zj and crops (HeldOutSplit keeps the other halves out) with them;
#   3. renders the special plates' characters 使领警学挂港澳 and the 31 provinces from Noto Sans CJK (train render);
#   4. gathers, as links, the "other Chinese character" classes: special/其 (every real province crop of chars and the
#      harvest, and the rendered provinces, so that rendered-or-real is no clue to special-or-not) and alnum/汉 (every
#      GATE_STEP-th real province crop and rendered special: the five-character model's "a Chinese character is here");
#   5. trains province on chars + harvest, city on chars (the checkers' own), alnum on chars + alnum/汉, special on the rendered specials +
#      special/其, into OUT with --force (README, "Character classes" and "Training on more than chars");
#   6. harvests the kinds photos (train harvest --photos: each plate located and cut on its kind's layout, checked by
#      the checkers and step 5's special model) and trains special again with their real special characters
#      (special/使 领 警 学 港 …, weight KINDS_WEIGHT) beside the rendered ones; score it honestly with
#      scripts/kinds-leave-one-out.sh, which leaves each photo out of this step in turn;
#   7. evaluates OUT on the scenes, the kinds photos and the held-out halves of crops and crops-zj; prints one table.
# Usage: scripts/train-models.sh [OUT]     OUT defaults to out/models; give assets/models to replace the shipped models
#        and their reports;
#        DATASETS=/path/to/datasets overrides ../shared/datasets; WORK=DIR keeps the data the steps make in DIR (a new
#        folder; by default a temporary one, removed at the end). Takes 20–30 minutes on two busy cores.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-out/models}
datasets=$(cd "${DATASETS:-../shared/datasets}" && pwd)
# Crops drawn per special character (7 classes) and per province (their share of special/其), and the share of the
# Chinese crops that make alnum/汉 (one in GATE_STEP: about 800, the size of a common alnum class).
specials_count=300
provinces_count=40
gate_step=${GATE_STEP:-8}
# Weight of the "other Chinese characters" root in the special model's training (special/其): its ~5,000 real crops
# against 300 rendered ones per special character made real specials read as 其 (the consulate plate's 领 at P(其) 0.98);
# at 0.3 the kinds probes read 2 more plates exactly, every other figure the same (README, "Character classes").
other_weight=${OTHER_WEIGHT:-0.3}
# Weight of the special characters cut from the kinds photos (step 6): a handful of real crops (each with its views)
# beside 300 rendered ones per character (README, "Character classes").
kinds_weight=${KINDS_WEIGHT:-5}

bash scripts/install-deps.sh
dotnet build MlNetPlates.sln -c Release -nologo -v quiet
train() { dotnet run --project Plates.Train -c Release --no-build -- "$@"; }
plates() { dotnet run --project Plates.Cli -c Release --no-build -- "$@"; }

if [ -n "${WORK:-}" ]; then
  if [ -e "$WORK" ]; then echo "error: WORK=$WORK already exists; give a new folder" >&2; exit 2; fi
  mkdir -p "$WORK" && work=$(cd "$WORK" && pwd)
else
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
fi

echo "== 1. chars-only models to check the harvest's cuts"
train train --data "$datasets/chars" --out "$work/checkers" --model province city alnum

echo "== 2. the training halves of crops-zj and crops, harvested"
train harvest --crops "$datasets/crops-zj" --crops "$datasets/crops" --out "$work/harvest" --models "$work/checkers"

echo "== 3. the special characters and the provinces, rendered"
train render --model special --count "$specials_count" --out "$work/specials"
train render --model province --labels 京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川贵云藏陕甘青宁新 --count "$provinces_count" --out "$work/provinces"

echo "== 4. the classes for other Chinese characters"
# link FOLDER STEP FILES...: links every STEP-th file (in sorted order) into FOLDER under a name unique to its source.
link() {
  local folder=$1 step=$2 i=0; shift 2
  mkdir -p "$folder"
  for file in "$@"; do
    if [ $((i % step)) -eq 0 ]; then
      local label=${file%/*} root=${file%/*/*}
      ln -s "$file" "$folder/${root##*/}-${label##*/}-${file##*/}"
    fi
    i=$((i + 1))
  done
}
mapfile -t real < <(find "$datasets/chars/province" "$work/harvest/province" -type f | sort)
mapfile -t rendered_provinces < <(find "$work/provinces/province" -type f -name '*.png' | sort)
mapfile -t rendered_specials < <(find "$work/specials/special" -type f -name '*.png' | sort)
link "$work/other/special/其" 1 "${real[@]}" "${rendered_provinces[@]}"
link "$work/other/alnum/汉" "$gate_step" "${real[@]}" "${rendered_specials[@]}"
echo "special/其: $(ls "$work/other/special/其" | wc -l) images; alnum/汉: $(ls "$work/other/alnum/汉" | wc -l) images"

echo "== 5. the shipped models"
train train --data "$datasets/chars" --data "$work/harvest" --out "$out" --model province --force
# city is the checkers' city model (chars alone, the same seed): copied, not trained twice.
mkdir -p "$out/reports" && rm -rf "$out/reports/city.new" && cp -r "$work/checkers/reports/city" "$out/reports/city.new"
cp "$work/checkers/city.zip" "$out/city.zip.new" && mv -f "$out/city.zip.new" "$out/city.zip"
rm -rf "$out/reports/city" && mv "$out/reports/city.new" "$out/reports/city"
train train --data "$datasets/chars" --data "$work/other" --out "$out" --model alnum --force
train train --data "$work/specials" --data "$work/other:$other_weight" --out "$out" --model special --force

echo "== 6. the kinds photos' special characters"
if [ -d "$datasets/kinds" ]; then
  # Checked by the checkers and step 5's special model: without special.zip no special plate's format can be read.
  mkdir -p "$work/kinds-checkers" && cp "$work/checkers/"*.zip "$out/special.zip" "$work/kinds-checkers/"
  train harvest --photos "$datasets/kinds" --out "$work/kinds" --models "$work/kinds-checkers"
  train train --data "$work/specials" --data "$work/other:$other_weight" --data "$work/kinds:$kinds_weight" --out "$out" --model special --force
else
  echo "no $datasets/kinds: special.zip stays step 5's, trained on rendered specials alone"
fi

echo "== 7. evaluation"
for set in scenes kinds crops crops-zj; do
  case $set in
    scenes|kinds) what=(--scenes "$datasets/$set") ;;
    *) what=(--crops "$datasets/$set" --held-out) ;;
  esac
  plates evaluate "${what[@]}" --models "$out" --out "$work/evaluation/$set" > "$work/evaluation-$set.txt" 2>/dev/null || true
done
# The table from each report.md's rows (awk, not python: a fresh Debian machine has no python).
echo "| set | images | found | exact | ≤ 1 error | first character | false detections |"
echo "|---|---|---|---|---|---|---|"
for set in scenes kinds crops crops-zj; do
  awk -F' [|] ' -v set="$set" '
    function value(text) { sub(/ *[|]$/, "", text); return text }
    /^[|] images [|]/ { images = value($2) }
    /^[|] plates found/ { found = value($2) }
    /^[|] exact plates/ { exact = value($2) }
    /^[|] plates with at most 1 wrong/ { one = value($2) }
    /^[|] first .Chinese. character right/ { first = value($2) }
    /^[|] false detections/ { fp = value($2); sub(/ in .*/, "", fp); sub(/^not counted.*/, "–", fp) }
    END { name = (set == "scenes" || set == "kinds") ? set : set ", held-out half"; printf "| %s | %s | %s | %s | %s | %s | %s |\n", name, images, found, exact, one, first, fp }
  ' "$work/evaluation/$set/report.md"
done
echo "models and reports: $out"
