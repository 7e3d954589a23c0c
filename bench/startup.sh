#!/usr/bin/env bash
# Start-up cost of wt: `wt --version` and `wt list` with and without the CDS archive, against the
# JVM floor (`java -version`) and `git worktree list`, all measured in this one invocation.
# Usage: bench/startup.sh [runs=15]
set -euo pipefail
. "$(dirname "$0")/lib.sh"
n=${1:-15}
wt=$(wt_bin)
repo=$(mktemp -d); trap 'rm -rf "$repo"' EXIT
git -C "$repo" init -q -b main && git -C "$repo" -c user.email=b@b -c user.name=b commit -q --allow-empty -m init
"$wt" --version >/dev/null; sleep 5   # let the launcher build its archive in the background

floor=$(median_ms "$n" java -Xshare:auto -version)
gitlist=$(median_ms "$n" git -C "$repo" worktree list)
ver=$(median_ms "$n" "$wt" --version)
ver_nocds=$(WT_CDS=0 median_ms "$n" "$wt" --version)
list=$(median_ms "$n" "$wt" -C "$repo" list)
list_nocds=$(WT_CDS=0 median_ms "$n" "$wt" -C "$repo" list)
printf '%-34s %6s ms\n' "java -version (JVM floor)" "$floor" "git worktree list" "$gitlist" \
  "wt --version" "$ver" "wt --version (no CDS)" "$ver_nocds" "wt list" "$list" "wt list (no CDS)" "$list_nocds"
echo "medians of $n runs; wt --version / JVM floor = $(ratio "$ver" "$floor"); CDS speed-up on list = $(ratio "$list_nocds" "$list")x"
