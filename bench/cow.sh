#!/usr/bin/env bash
# Copy-on-write copies of dependency folders: wt copies a folder with `cp -a --reflink=auto` (Linux;
# `cp -c` on macOS), which shares the blocks where the file system can (XFS with reflink, Btrfs) and
# copies them elsewhere. Against plain `cp -a`, rounds interleaved in one invocation, on a
# loop-mounted XFS and Btrfs image when this machine lets root mount one, and always on the file
# system of $TMPDIR (the fallback, which must be no slower). Prints medians, ratios and the data
# blocks each copy added (df), which shows whether the blocks are shared. Baseline: a byte copy
# (cp -a --reflink=never), since coreutils >= 9's plain cp -a clones by default.
# Usage: bench/cow.sh [runs=3] [files=50000] [kib per file=8]
# Needs: root and mkfs.xfs / mkfs.btrfs (Debian: xfsprogs, btrfs-progs) for the copy-on-write part.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
n=${1:-3}; files=${2:-50000}; kib=${3:-8}
dir=$(mktemp -d)
mounts=()
cleanup() { for m in "${mounts[@]}"; do umount "$m" 2>/dev/null || true; done; rm -rf "$dir"; }
trap cleanup EXIT

# a node_modules-like tree: packages of 25 files each, sizes around $kib KiB
make_tree() {
  python3 - "$1" "$files" "$kib" <<'PY'
import os, sys
root, files, kib = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
block = os.urandom(1 << 20)
for i in range(files):
    d = os.path.join(root, "node_modules", "pkg%d" % (i // 25), "lib")
    if i % 25 == 0:
        os.makedirs(d, exist_ok=True)
    size = max(64, (kib * 1024 * ((i % 7) + 1)) // 4)
    off = (i * 4099) % ((1 << 20) - size)
    with open(os.path.join(d, "f%d.js" % i), "wb") as f:
        f.write(block[off:off + size])
PY
}

targets=("tmpfs-or-disk:$dir/host")
mkdir -p "$dir/host"
if [ "$(id -u)" = 0 ]; then
  for fs in xfs btrfs; do
    command -v "mkfs.$fs" >/dev/null || { echo "no mkfs.$fs: skipping $fs"; continue; }
    img="$dir/$fs.img"; truncate -s 4G "$img"
    if [ "$fs" = xfs ]; then mkfs.xfs -q -m reflink=1 "$img"; else mkfs.btrfs -q "$img" >/dev/null; fi
    mkdir -p "$dir/$fs"
    if mount -o loop "$img" "$dir/$fs" 2>/dev/null; then mounts+=("$dir/$fs"); targets+=("$fs:$dir/$fs")
    else echo "mount -o loop is not allowed here: skipping $fs"; fi
  done
else
  echo "not root: no loop mount; measuring the fallback only"
fi
targets[0]="$(df -T "$dir/host" | awk 'NR==2{print $2}'):$dir/host"

used_kib() { df -k --output=used "$1" | tail -1 | tr -d ' '; }
declare -A t used
for tg in "${targets[@]}"; do
  # on Btrfs the source is a subvolume, as a team would make node_modules to have it snapshotted
  # (docs/performance.md); the clone and byte-copy rows copy the same files either way
  if [ "${tg%%:*}" = btrfs ]; then mkdir -p "${tg#*:}/src"; btrfs subvolume create "${tg#*:}/src/node_modules" >/dev/null; fi
  make_tree "${tg#*:}/src"; sync
done
for r in $(seq "$n"); do
  for tg in "${targets[@]}"; do
    name=${tg%%:*}; at=${tg#*:}
    hows="never plain reflink"; [ "$name" = btrfs ] && hows="$hows snapshot"
    for how in $hows; do
      rm -rf "$at/copy"; sync; u0=$(used_kib "$at")
      case $how in
        never) cmd=(cp -a --reflink=never -- "$at/src/node_modules" "$at/copy") ;;
        plain) cmd=(cp -a -- "$at/src/node_modules" "$at/copy") ;;
        snapshot) cmd=(btrfs -q subvolume snapshot "$at/src/node_modules" "$at/copy") ;;
        *) cmd=(cp -a --reflink=auto -- "$at/src/node_modules" "$at/copy") ;;
      esac
      t0=$(now_ms); "${cmd[@]}"; sync; t[$name.$how]+=" $(( $(now_ms) - t0 ))"
      used[$name.$how]=$(( ($(used_kib "$at") - u0) / 1024 ))
    done
  done
done
median() { printf '%s\n' $@ | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2))}'; }
printf '%-10s %-36s %9s %8s %10s\n' fs copy "wall ms" "x" "added MiB"
for tg in "${targets[@]}"; do
  name=${tg%%:*}; b=$(median ${t[$name.never]}); p=$(median ${t[$name.plain]}); c=$(median ${t[$name.reflink]})
  printf '%-10s %-36s %9s %8s %10s\n' "$name" "cp -a --reflink=never (byte copy)" "$b" 1.00 "${used[$name.never]}"
  printf '%-10s %-36s %9s %8s %10s\n' "$name" "cp -a (this cp's default)" "$p" "$(ratio "$b" "$p")" "${used[$name.plain]}"
  printf '%-10s %-36s %9s %8s %10s\n' "$name" "cp -a --reflink=auto (wt)" "$c" "$(ratio "$b" "$c")" "${used[$name.reflink]}"
  if [ -n "${t[$name.snapshot]:-}" ]; then s=$(median ${t[$name.snapshot]})
    printf '%-10s %-36s %9s %8s %10s\n' "$name" "subvolume snapshot (wt, a subvolume)" "$s" "$(ratio "$b" "$s")" "${used[$name.snapshot]}"
  fi
done
echo "medians of $n interleaved rounds; $files files of about $kib KiB; x = how many times faster than a byte copy"
echo "($(cp --version | head -1): coreutils >= 9 already reflinks by default, so plain cp -a shares blocks too)"
