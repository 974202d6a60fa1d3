#!/usr/bin/env bash
# Download the real upstream tarballs used by the archive/digest tests
# (hello 2.10, patch 2.7.6, bzip2 1.0.8) from Debian bookworm's source
# packages. Usage: tests/fetch-tarballs.sh [DIR]
# DIR defaults to $GUIX0_TARBALLS, else <repo>/target/tarballs.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
dest=${1:-${GUIX0_TARBALLS:-$repo/target/tarballs}}
mkdir -p "$dest"
cd "$dest"

wanted=(hello_2.10.orig.tar.gz patch_2.7.6.orig.tar.xz bzip2_1.0.8.orig.tar.gz)
missing=0
for f in "${wanted[@]}"; do [ -s "$f" ] || missing=1; done
if [ "$missing" = 0 ]; then
    echo "tarballs already in $dest"
    exit 0
fi

# apt-get source needs deb-src entries; add bookworm's if none are configured.
if ! grep -rqsE '^(deb-src|Types:.*deb-src)' /etc/apt/sources.list /etc/apt/sources.list.d/; then
    sudo_cmd=""
    [ "$(id -u)" = 0 ] || sudo_cmd="sudo"
    # deb822 form with the same Signed-By as Debian's own entry: apt refuses
    # two entries for one URI whose Signed-By values differ.
    printf '%s\n' 'Types: deb-src' 'URIs: http://deb.debian.org/debian' \
        'Suites: bookworm' 'Components: main' \
        'Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg' |
        $sudo_cmd tee /etc/apt/sources.list.d/guix0-deb-src.sources >/dev/null
    $sudo_cmd apt-get update -qq
fi

# --download-only also fetches the Debian diffs; only the .orig tarballs matter.
apt-get source --download-only hello patch bzip2

for f in "${wanted[@]}"; do
    [ -s "$f" ] || { echo "fetch-tarballs: $f was not downloaded" >&2; exit 1; }
done
echo "tarballs ready in $dest"
