#!/usr/bin/env bash
# The kinds photos scored honestly against a special model that learnt from them: scripts/train-models.sh step 6 trains
# special.zip on the special characters cut from the kinds photos (one or two photos of each kind), so reading those
# photos with it scores the model on its own training data. This trains the special model again once per photo that
# gave it characters, from the same data without that photo's (nor its views'), and reads the photo with it; the
# other photos gave the special model nothing and are read with the models as trained. Prints one line per photo and
# the exact count; with --probes also reads each photo's robustness probes (scripts/probes.sh) with its own model.
#
#   WORK=/tmp/tm bash scripts/train-models.sh out/models    # once: keeps the data the models were made from
#   bash scripts/kinds-leave-one-out.sh /tmp/tm out/models [OUT] [--probes]
#
# OTHER_WEIGHT and KINDS_WEIGHT must be those the models were trained with (the same defaults as train-models.sh).
# OUT (default out/kinds-leave-one-out, a new folder) keeps each photo's model, reading and probes. A photo whose
# training or reading fails is reported on its line (see its train.log / evaluate.log) and counted as not read; the
# rest go on. About 5 minutes for the 13 photos, 10–15 with --probes.
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 2 ] || { echo "usage: $0 WORK MODELS [OUT] [--probes]" >&2; exit 2; }
work=$(cd "$1" && pwd)
models=$(cd "$2" && pwd)
out=out/kinds-leave-one-out
probes=false
for arg in "${@:3}"; do
  case $arg in
    --probes) probes=true ;;
    *) out=$arg ;;
  esac
done
datasets=$(cd "${DATASETS:-../shared/datasets}" && pwd)
other_weight=${OTHER_WEIGHT:-0.3}
kinds_weight=${KINDS_WEIGHT:-5}
for need in "$work/specials/special" "$work/other/special" "$work/kinds/special" "$models/province.zip"; do
  [ -e "$need" ] || { echo "error: $need not found: give the WORK folder and the models of one scripts/train-models.sh run" >&2; exit 2; }
done
[ -e "$out" ] && { echo "error: $out already exists; give a new OUT folder" >&2; exit 2; }
mkdir -p "$out" && out=$(cd "$out" && pwd)

dotnet build MlNetPlates.sln -c Release -nologo -v quiet
train() { dotnet run --project Plates.Train -c Release --no-build -- "$@"; }
plates() { dotnet run --project Plates.Cli -c Release --no-build -- "$@"; }
# exact REPORT_JSON: the report's count of exact plates (0 when there is no report).
exact() { { grep -o '"exact": *[0-9]*' "$1" 2>/dev/null || true; } | head -1 | grep -o '[0-9]*$' || echo 0; }
# read_as REPORT_JSON: what the photo's plate was read as (its outcome's reading; "–" when nothing was read).
read_as() { local r; r=$(grep -o '"read": *"[^"]*"' "$1" | head -1 | sed 's/.*"\([^"]*\)"$/\1/'); echo "${r:-–}"; }

shopt -s nullglob nocaseglob
photos=("$datasets/kinds"/*.jpg "$datasets/kinds"/*.jpeg "$datasets/kinds"/*.png)
shopt -u nocaseglob
total=0 right=0 probed=0
printf '| photo | special characters it gave | model | read as | exact |%s\n' "$($probes && printf ' probes exact |')"
printf '|---|---|---|---|---|%s\n' "$($probes && printf '%s' '---|')"
for photo in "${photos[@]}"; do
  file=${photo##*/} name=${file%.*}
  # This photo's characters and views, by a literal match of the name (not a glob: a name may hold [ or *).
  mapfile -t all < <(find "$work/kinds/special" -type f | sort)
  own=()
  for f in "${all[@]}"; do
    case ${f##*/} in "kinds-$name-"*) own+=("$f") ;; esac
  done
  folder="$out/$name"
  mkdir -p "$folder/set" "$folder/models"
  ln -s "$photo" "$folder/set/$file"
  if [ ${#own[@]} -eq 0 ]; then
    used=$models model="as trained"
  else
    # The kinds root without this photo's characters: links, under the harvest's summary (which marks it harvested).
    mkdir -p "$folder/kinds"
    cp "$work/kinds/harvest.md" "$folder/kinds/"
    for f in "${all[@]}"; do
      case ${f##*/} in "kinds-$name-"*) continue ;; esac
      label=${f%/*}; label=${label##*/}
      mkdir -p "$folder/kinds/special/$label" && ln -s "$f" "$folder/kinds/special/$label/"
    done
    cp "$models/province.zip" "$models/city.zip" "$models/alnum.zip" "$folder/models/"
    used="$folder/models" model="without it"
    if ! train train --data "$work/specials" --data "$work/other:$other_weight" --data "$folder/kinds:$kinds_weight" \
      --out "$folder/models" --model special > "$folder/train.log" 2>&1; then
      total=$((total + 1))
      echo "| $name | ${#own[@]} | training failed: $folder/train.log | – | 0 |$($probes && printf ' – |')"
      continue
    fi
  fi
  plates evaluate --scenes "$folder/set" --models "$used" --out "$folder/evaluation" > "$folder/evaluate.log" 2>&1 || true
  n=$(exact "$folder/evaluation/report.json")
  total=$((total + 1)) right=$((right + n))
  line="| $name | ${#own[@]} | $model | $(read_as "$folder/evaluation/report.json") | $n |"
  if $probes; then
    bash scripts/probes.sh "$folder/probes" --set "$folder/set" --models "$used" > "$folder/probes.txt" 2>&1 || true
    p=$({ grep -o 'exact [0-9]*' "$folder/probes.txt" || true; } | awk '{ s += $2 } END { print s + 0 }')
    probed=$((probed + p))
    line="$line $p |"
  fi
  echo "$line"
done
echo
echo "exact: $right of $total photos$($probes && echo "; probes exact: $probed")"
echo "models, readings and probes: $out"
