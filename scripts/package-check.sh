#!/usr/bin/env bash
# Package check: packs Plates.Model, Plates.Consume and the Plates.Cli tool into a local folder feed, makes a fresh
# console application with ONE PackageReference to Plates.Consume from that feed, and reads a scene photo with it
# (no models path given: the package copies the models beside the application). Then installs the `plates` tool from
# the same feed and runs it. Prints the application's output size.
#
#   bash scripts/package-check.sh [work folder, default /tmp/plates-package-check] [photo, default a scene]
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
work=${1:-/tmp/plates-package-check}
photo=${2:-$repo/../shared/datasets/scenes/京A88731.jpg}
[ -f "$photo" ] || { echo "error: photo not found: $photo" >&2; exit 2; }
photo=$(realpath "$photo")
bash scripts/install-deps.sh

rm -rf "$work"
mkdir -p "$work/feed"
# Our packages keep their version between builds: drop earlier copies from the NuGet cache so the fresh ones are used.
rm -rf "${NUGET_PACKAGES:-$HOME/.nuget/packages}"/plates.model "${NUGET_PACKAGES:-$HOME/.nuget/packages}"/plates.consume "${NUGET_PACKAGES:-$HOME/.nuget/packages}"/plates.cli
for project in Plates.Model Plates.Consume Plates.Cli; do
  # Packages carry every platform's native libraries (Directory.Build.targets keeps only this machine's in a build).
  dotnet pack "$project" -c Release -o "$work/feed" -nologo -v q -p:PlatesAllRuntimes=true
done
ls "$work/feed"

# A fresh application, as a user would make it: its own NuGet config naming the folder feed beside the usual source.
dotnet new console -o "$work/app" --framework net10.0 >/dev/null
cat > "$work/app/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="local" value="$work/feed" />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
  </packageSources>
</configuration>
XML
cat > "$work/app/Program.cs" <<'CS'
using Plates.Consume.Recognition;

using var recogniser = new PlateRecogniser();
foreach (var plate in recogniser.Recognise(args[0]).Plates)
    Console.WriteLine($"{plate.Text} {plate.Confidence:F2} {plate.Color}");
CS
(cd "$work/app" && dotnet add package Plates.Consume >/dev/null && grep -c PackageReference app.csproj | xargs echo "PackageReference lines:")
plate=$(basename "${photo%.*}")
read=$(cd "$work/app" && dotnet build -c Release -nologo -v q >/dev/null && dotnet run -c Release --no-build -- "$photo")
echo "$read"
grep -q "^$plate " <<<"$read" || { echo "error: the application did not read $plate from $photo" >&2; exit 1; }
echo "application output: $(du -sh "$work/app/bin/Release/net10.0" | cut -f1)"

# The command line as a .NET tool from the same feed.
dotnet tool install Plates.Cli --tool-path "$work/tools" --add-source "$work/feed" >/dev/null
tool=$("$work/tools/plates" "$photo")
echo "$tool"
grep -q ": $plate " <<<"$tool" || { echo "error: the plates tool did not read $plate from $photo" >&2; exit 1; }
