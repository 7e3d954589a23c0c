#!/usr/bin/env bash
# `wt list` at scale: a repository with 50 linked worktrees (every fifth one dirty) against the same
# repository shape with 5, plus a plain shell loop of `git status` over the 50 for scale. Rounds
# interleaved in one invocation; prints medians and the ratio (target: 50 worktrees <= 2x 5).
# Usage: bench/list.sh [runs=7] [files=500]
set -euo pipefail
. "$(dirname "$0")/lib.sh"
n=${1:-7}; files=${2:-500}
wt=$(wt_bin)
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

make_repo() { # $1 folder, $2 number of linked worktrees
  mkdir -p "$1"; cd "$1"
  git init -q -b main
  for i in $(seq "$files"); do d=src/$((i % 20)); mkdir -p "$d"; echo "file $i" > "$d/f$i.txt"; done
  git add -A && git -c user.email=b@b -c user.name=b commit -qm init
  for i in $(seq "$2"); do
    git worktree add -q -b "w/$i" "$1-wt/$i" main
    if [ $((i % 5)) -eq 0 ]; then echo dirty >> "$1-wt/$i/src/1/f1.txt"; fi
  done
}
make_repo "$dir/small" 5
make_repo "$dir/large" 50
shell_loop() { for w in "$dir"/large-wt/*; do git -C "$w" status --porcelain >/dev/null; done; }

"$wt" --version >/dev/null; sleep 3 # the launcher's archive, as after any first use
declare -A t
for _ in $(seq "$n"); do
  for k in small large; do
    t0=$(now_ms); (cd "$dir/$k" && "$wt" list >/dev/null); t[$k]+=" $(( $(now_ms) - t0 ))"
  done
  t0=$(now_ms); shell_loop; t[loop]+=" $(( $(now_ms) - t0 ))"
done
median() { printf '%s\n' $@ | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2))}'; }
s=$(median ${t[small]}); l=$(median ${t[large]}); g=$(median ${t[loop]})
printf '%-40s %8s %8s\n' "" "wall ms" "x"
printf '%-40s %8s %8s\n' "wt list, 5 worktrees (baseline)" "$s" 1.00
printf '%-40s %8s %8s\n' "wt list, 50 worktrees" "$l" "$(ratio "$l" "$s")"
printf '%-40s %8s %8s\n' "shell loop: git status over the 50" "$g" "$(ratio "$g" "$s")"
echo "medians of $n interleaved rounds on $files files; target: 50 worktrees <= 2.00x"
