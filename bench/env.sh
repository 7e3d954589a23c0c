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
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "n/a"; else printf "%.2f", a / b }'; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2))}'; }

# The machine may be busy: rounds interleave every command, so load hits them all alike.
labels=(); cmds=()
add() { labels+=("$1"); cmds+=("$2"); }
measure() { # measure N: runs every command once per round, N rounds; prints "label<TAB>median"
  local n=$1 i j t0 out; declare -A times
  for ((i = 0; i < n; i++)); do
    for j in "${!cmds[@]}"; do
      t0=$(now_ms); eval "${cmds[$j]}" >/dev/null 2>&1 || true
      times[$j]+="$(( $(now_ms) - t0 )) "
    done
  done
  for j in "${!cmds[@]}"; do
    printf '%s\t%s\n' "${labels[$j]}" "$(tr ' ' '\n' <<<"${times[$j]}" | grep . | median)"
  done
}

dir=$(mktemp -d); trap 'rm -rf "$dir"' EXIT
repo=$dir/app; mkdir -p "$repo"; cd "$repo"
git init -q -b main
printf '[ports]\ncount = 3\n[env.vars]\nAPP_URL = "${WT_URL}"\nAPI_PORT = "${WT_PORT_1}"\n' > wt.toml
git add -A && git -c user.email=b@b -c user.name=b commit -qm init
"$wt" up bench/env >/dev/null 2>&1
wtdir=$dir/app-env
cd "$wtdir"
"$wt" --version >/dev/null; sleep 6   # let the launcher build its start-up archive in the background

q() { printf '%q' "$1"; }
add "java -version (JVM floor)" "java -Xshare:auto -version"
add "git rev-parse --show-toplevel" "git rev-parse --show-toplevel"
add "wt --version" "$(q "$wt") --version"
add "wt env (provisioned worktree)" "$(q "$wt") env"
add "wt env --format json" "$(q "$wt") env --format json"
add "wt env (main worktree: nothing to print)" "$(q "$wt") -C $(q "$repo") env"
add "wt run -- true" "$(q "$wt") run -- true"
results=$(measure "$n")
"$wt" -C "$repo" down bench/env >/dev/null 2>&1 || true

get() { awk -F'\t' -v l="$1" '$1 == l {print $2}' <<<"$results"; }
while IFS=$'\t' read -r label ms; do printf '%-44s %6s ms\n' "$label" "$ms"; done <<<"$results"
version=$(get "wt --version"); env_sh=$(get "wt env (provisioned worktree)"); floor=$(get "java -version (JVM floor)")
echo "medians of $n interleaved rounds; wt env / wt --version = $(ratio "$env_sh" "$version");" \
  "wt env / JVM floor = $(ratio "$env_sh" "$floor"); wt env - wt --version = $((env_sh - version)) ms"
