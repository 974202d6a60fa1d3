#!/usr/bin/env bash
# Benchmark guix0's hashing and unpacking against the reference tools:
#   sha256 of a 1 GiB file   vs  nix-hash --flat, sha256sum
#   nar hash of a big tree   vs  nix-hash (nar)
#   unpack .tar.gz / .tar.xz vs  tar xzf / tar xJf
# and print time ratios (ours / reference; below 1 means we are faster).
#
# The commands under test can be replaced (each gets its operands appended):
#   SHA256_CMD  prints the sha256 of FILE (default: guix0 guix0.scm hash)
#   NAR_CMD     prints the nar sha256 of PATH (default: guix0 guix0.scm hash -r)
#   UNPACK_CMD  unpacks ARCHIVE into DIR (default: guix0's unpack-archive)
# Other knobs:
#   BENCH_DIR   work directory (default: /dev/shm/guix0-bench when /dev/shm
#               has room, else /tmp/guix0-bench). tmpfs measures our CPU
#               work; on a disk file system, writeback and discard noise
#               easily exceed the differences being measured.
#   TREE_SRC    directories copied into the source tree
#               (default: "/usr/include /usr/share/doc")
#   RUNS        runs per measurement, best one kept (default: 3)
# Generated inputs are kept in BENCH_DIR and reused on the next run.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
RUNS=${RUNS:-3}
TREE_SRC=${TREE_SRC:-/usr/include /usr/share/doc}
guix0=$repo/target/release/guix0
[ -x "$guix0" ] || { echo "bench: build guix0 first (cargo build --release)" >&2; exit 1; }
SHA256_CMD=${SHA256_CMD:-$guix0 guix0.scm hash}
NAR_CMD=${NAR_CMD:-$guix0 guix0.scm hash -r}
# unpack_with_guix0 ARCHIVE DIR
unpack_with_guix0() {
    mkdir -p "$2" && "$guix0" -c "(unpack-archive \"$1\" \"$2\")"
}
UNPACK_CMD=${UNPACK_CMD:-unpack_with_guix0}

if [ -z "${BENCH_DIR:-}" ]; then
    avail=$(df -Pk /dev/shm 2>/dev/null | awk 'NR==2 {print $4}')
    if [ "${avail:-0}" -gt $((4 * 1024 * 1024)) ]; then
        BENCH_DIR=/dev/shm/guix0-bench
    else
        BENCH_DIR=/tmp/guix0-bench
    fi
fi
mkdir -p "$BENCH_DIR"
cd "$BENCH_DIR"

for tool in nix-hash sha256sum tar gzip xz; do
    command -v "$tool" >/dev/null || { echo "bench: $tool is required (apt-get install nix-bin xz-utils)" >&2; exit 1; }
done

# --- inputs -----------------------------------------------------------------
if [ ! -s big-1g ]; then
    echo "creating a 1 GiB file..." >&2
    head -c $((1 << 30)) /dev/urandom > big-1g.tmp && mv big-1g.tmp big-1g
fi
if [ ! -d tree ]; then
    echo "copying $TREE_SRC into a source tree..." >&2
    mkdir tree.tmp
    for d in $TREE_SRC; do cp -a "$d" "tree.tmp/$(basename "$d")"; done
    mv tree.tmp tree
fi
if [ ! -s tree.tar.gz ] || [ ! -s tree.tar.xz ]; then
    echo "compressing the tree (xz takes a minute)..." >&2
    tar cf tree.tar -C tree .
    gzip -6 -c tree.tar > tree.tar.gz
    # One thread, one block: how upstream release tarballs usually look.
    xz -6 -T1 -c tree.tar > tree.tar.xz
    rm tree.tar
fi
files=$(find tree -type f | wc -l)
size=$(du -sh tree | cut -f1)

# --- timing -----------------------------------------------------------------
# best_of CMD...: the best wall-clock time of RUNS runs, in seconds.
best_of() {
    local best="" t
    for _ in $(seq "$RUNS"); do
        [ -z "${PREP:-}" ] || eval "$PREP"
        t=$( { TIMEFORMAT=%3R; time "$@" >/dev/null 2>&1; } 2>&1 )
        if [ -z "$best" ] || awk -v a="$t" -v b="$best" 'BEGIN {exit !(a < b)}'; then
            best=$t
        fi
    done
    echo "$best"
}

row() { # label ours-seconds reference-label reference-seconds
    awk -v l="$1" -v o="$2" -v r="$3" -v t="$4" \
        'BEGIN {printf "%-26s %8.3fs   %-18s %8.3fs   ratio %.2f\n", l, o, r, t, o / t}'
}

# Sanity first: a benchmark of wrong answers is worthless.
ours=$($SHA256_CMD big-1g)
ref=$(nix-hash --type sha256 --flat --base32 big-1g)
[ "$ours" = "$ref" ] || { echo "bench: sha256 mismatch: $ours vs $ref" >&2; exit 1; }
ours=$($NAR_CMD tree)
ref=$(nix-hash --type sha256 --base32 tree)
[ "$ours" = "$ref" ] || { echo "bench: nar hash mismatch: $ours vs $ref" >&2; exit 1; }

echo "machine: $(nproc) cores; work dir: $BENCH_DIR ($(df -PT . | awk 'NR==2 {print $2}'))"
echo "tree: $files files, $size; best of $RUNS runs"
echo

t_ours=$(best_of $SHA256_CMD big-1g)
t_nix=$(best_of nix-hash --type sha256 --flat --base32 big-1g)
t_sum=$(best_of sha256sum big-1g)
row "sha256 1 GiB file" "$t_ours" "nix-hash --flat" "$t_nix"
row "" "$t_ours" "sha256sum" "$t_sum"

t_ours=$(best_of $NAR_CMD tree)
t_nix=$(best_of nix-hash --type sha256 --base32 tree)
row "nar sha256 of tree" "$t_ours" "nix-hash (nar)" "$t_nix"

t_ours=$(best_of $NAR_CMD big-1g)
t_nix=$(best_of nix-hash --type sha256 --base32 big-1g)
row "nar sha256 1 GiB file" "$t_ours" "nix-hash (nar)" "$t_nix"

{
    for kind in gz xz; do
        flag=z; [ "$kind" = xz ] && flag=J
        # Each run starts from an empty directory; the clean-up is not timed.
        export PREP="rm -rf out && mkdir out"
        t_ours=$(best_of $UNPACK_CMD tree.tar.$kind out/x)
        # As in a build (an unprivileged user), tar does not chown.
        t_tar=$(best_of tar x${flag}f tree.tar.$kind -C out --no-same-owner)
        unset PREP
        row "unpack tree.tar.$kind" "$t_ours" "tar x${flag}f" "$t_tar"
    done
    rm -rf out
    mkdir out
    $UNPACK_CMD tree.tar.xz out/x >/dev/null 2>&1
    [ "$(nix-hash --type sha256 --base32 out/x)" = "$ref" ] ||
        { echo "bench: unpacked tree differs from the original" >&2; exit 1; }
    rm -rf out
}
