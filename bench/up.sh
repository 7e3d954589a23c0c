#!/usr/bin/env bash
# `wt up` + `wt down` against the bare git work they wrap (`git worktree add` + `remove` + branch
# delete) on a repository of FILES files, in one invocation. Usage: bench/up.sh [runs=5] [files=2000]
set -euo pipefail
. "$(dirname "$0")/lib.sh"
n=${1:-5}; files=${2:-2000}
wt=$(wt_bin)
dir=$(mktemp -d); trap 'rm -rf "$dir"' EXIT
repo=$dir/repo; mkdir -p "$repo"; cd "$repo"
git init -q -b main
for i in $(seq "$files"); do d=src/$((i % 50)); mkdir -p "$d"; echo "file $i" > "$d/f$i.txt"; done
git add -A && git -c user.email=b@b -c user.name=b commit -qm init

raw() { git worktree add -q -b bench/raw "$dir/raw" main && git worktree remove "$dir/raw" && git branch -q -D bench/raw; }
withwt() { "$wt" up bench/wt && "$wt" down bench/wt; }
# rounds interleave the two, so that disk and CPU noise hits both alike
raw_t=(); wt_t=()
for _ in $(seq "$n"); do
  t0=$(now_ms); raw >/dev/null 2>&1; t1=$(now_ms); raw_t+=($((t1 - t0)))
  t0=$(now_ms); withwt >/dev/null 2>&1; t1=$(now_ms); wt_t+=($((t1 - t0)))
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2))}'; }
base=$(median "${raw_t[@]}")
ours=$(median "${wt_t[@]}")
printf '%-40s %6s ms\n' "git worktree add+remove+branch -D" "$base" "wt up + wt down" "$ours"
echo "medians of $n runs on $files files; wt / git = $(ratio "$ours" "$base")"
