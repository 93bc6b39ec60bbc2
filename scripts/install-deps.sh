#!/usr/bin/env bash
# Installs the native pieces a fresh Debian machine lacks: OpenCvSharp's Linux runtime loads libgtk-3.so.0, and the
# report plots need a font with Chinese glyphs, and `train render` draws the special plates' characters from Noto Sans CJK
# (fonts-noto-cjk, SIL Open Font Licence). Does nothing when they are already there.
# `install-deps.sh imagemagick` also installs ImageMagick, which the probe scripts alter photos and crops with (judged
# by `identify`, which a stand-in `convert` on the PATH does not provide).
set -euo pipefail

missing=()
for extra in "$@"; do
  case $extra in
    imagemagick) command -v identify > /dev/null || missing+=(imagemagick) ;;
    *) echo "error: unknown extra '$extra' (known: imagemagick)" >&2; exit 2 ;;
  esac
done
# grep reads to the end (no -q): under pipefail, grep -q quitting early can kill the lister with SIGPIPE, and the
# pipeline then fails as if the piece were missing.
ldconfig -p | grep 'libgtk-3\.so\.0' > /dev/null || missing+=(libgtk-3-0)
fc-list ':lang=zh' 2>/dev/null | grep . > /dev/null || missing+=(fonts-droid-fallback fontconfig)
fc-list 2>/dev/null | grep 'Noto Sans CJK SC' > /dev/null || missing+=(fonts-noto-cjk fontconfig)

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "Installing ${missing[*]} ..." >&2
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "error: ${missing[*]} missing and not root (no sudo): install them, then rerun." >&2; exit 1; }
  sudo=sudo
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
