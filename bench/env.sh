#!/usr/bin/env bash
# Cost of `wt env` (it runs on every cd for some users) against baselines measured in this same
# invocation: the JVM floor (`java -version`), `git rev-parse --show-toplevel` (what any git-aware
# prompt pays), and `wt --version` (wt's own start-up). Also `wt env` in the main worktree (the
# "nothing here" answer) and `wt run -- true` (start-up plus one child).
# Usage: bench/env.sh [runs=21]
set -euo pipefail
n=${1:-21}
wt=${WT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/target/wt}

now_ms() { date +%s%3N; }
median_ms() { # median_ms N CMD...: median wall time of N runs of CMD, output discarded
  local n=$1; shift; local times=()
  for _ in $(seq "$n"); do
    local t0; t0=$(now_ms); "$@" >/dev/null 2>&1 || true; times+=($(( $(now_ms) - t0 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2))}'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "n/a"; else printf "%.2f", a / b }'; }

dir=$(mktemp -d); trap 'rm -rf "$dir"' EXIT
repo=$dir/app; mkdir -p "$repo"; cd "$repo"
git init -q -b main
printf '[ports]\ncount = 3\n[env.vars]\nAPP_URL = "${WT_URL}"\nAPI_PORT = "${WT_PORT_1}"\n' > wt.toml
git add -A && git -c user.email=b@b -c user.name=b commit -qm init
"$wt" up bench/env >/dev/null 2>&1
wtdir=$dir/app-env
cd "$wtdir"
"$wt" --version >/dev/null; sleep 6   # let the launcher build its start-up archive in the background

floor=$(median_ms "$n" java -Xshare:auto -version)
git_top=$(median_ms "$n" git rev-parse --show-toplevel)
version=$(median_ms "$n" "$wt" --version)
env_sh=$(median_ms "$n" "$wt" env)
env_json=$(median_ms "$n" "$wt" env --format json)
env_main=$(cd "$repo" && median_ms "$n" "$wt" env)
run_true=$(median_ms "$n" "$wt" run -- true)
"$wt" -C "$repo" down bench/env >/dev/null 2>&1 || true

printf '%-44s %6s ms\n' \
  "java -version (JVM floor)" "$floor" \
  "git rev-parse --show-toplevel" "$git_top" \
  "wt --version" "$version" \
  "wt env (provisioned worktree)" "$env_sh" \
  "wt env --format json" "$env_json" \
  "wt env (main worktree: nothing to print)" "$env_main" \
  "wt run -- true" "$run_true"
echo "medians of $n runs; wt env / wt --version = $(ratio "$env_sh" "$version");" \
  "wt env / JVM floor = $(ratio "$env_sh" "$floor"); wt env - wt --version = $((env_sh - version)) ms"
