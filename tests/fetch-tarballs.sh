#!/usr/bin/env bash
# Download the real upstream tarballs the tests use (hello 2.10, patch
# 2.7.6, bzip2 1.0.8, diffutils 3.8, and mes 0.24.2 for Mes's own test
# suite) from Debian bookworm's source packages; Debian's .orig tarballs
# are byte-identical to the ones Guix declares. Usage:
# tests/fetch-tarballs.sh [DIR]
# DIR defaults to $GUIX0_TARBALLS, else <repo>/target/tarballs.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
dest=${1:-${GUIX0_TARBALLS:-$repo/target/tarballs}}
mkdir -p "$dest"
cd "$dest"

packages=(hello patch bzip2 diffutils mes)
wanted=(hello_2.10.orig.tar.gz patch_2.7.6.orig.tar.xz bzip2_1.0.8.orig.tar.gz
        diffutils_3.8.orig.tar.xz mes_0.24.2.orig.tar.gz)
missing=0
for f in "${wanted[@]}"; do [ -s "$f" ] || missing=1; done
if [ "$missing" = 0 ]; then
    echo "tarballs already in $dest"
    exit 0
fi

sudo_cmd=""
[ "$(id -u)" = 0 ] || sudo_cmd="sudo"

# apt-get source needs deb-src entries: add them for the archive this
# machine already uses (its first deb822 `deb` entry).
if ! grep -rqsE '^(deb-src|Types:.*deb-src)' /etc/apt/sources.list /etc/apt/sources.list.d/; then
    src=/etc/apt/sources.list.d/debian.sources
    [ -f "$src" ] || { echo "fetch-tarballs: no deb-src entries and no $src to copy them from" >&2; exit 1; }
    # The same Signed-By as the deb entry: apt refuses two entries for one
    # URI whose Signed-By values differ.
    awk 'BEGIN { RS=""; ORS="\n\n" } /Types: deb/ && !done { sub(/Types: deb/, "Types: deb-src"); print; done=1 }' "$src" |
        $sudo_cmd tee /etc/apt/sources.list.d/guix0-deb-src.sources >/dev/null
    $sudo_cmd apt-get update -qq
fi

# --download-only also fetches the Debian diffs; only the .orig tarballs
# matter (a mirror may lack a diff: mes's .debian.tar.xz is 404 on some).
# A missing tarball may just mean stale package lists: refresh, retry once.
fetch() {
    for p in "${packages[@]}"; do apt-get source --download-only "$p" || true; done
}
fetch
for f in "${wanted[@]}"; do
    if [ ! -s "$f" ]; then
        $sudo_cmd apt-get update -qq
        fetch
        break
    fi
done

for f in "${wanted[@]}"; do
    [ -s "$f" ] || { echo "fetch-tarballs: $f was not downloaded" >&2; exit 1; }
done
echo "tarballs ready in $dest"
