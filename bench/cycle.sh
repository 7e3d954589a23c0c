#!/usr/bin/env bash
# The whole cycle a worktree script does, wt against the shell script it replaces, in one
# invocation with rounds interleaved: create the worktree on a new branch, two databases, the
# shared .env.local symlinked, an env file; then drop both databases, remove the worktree and
# delete the branch. wt runs it in url mode (the local server, like the script) and with the
# embedded default (its own cluster, kept running by a worktree that stays up, as in real use).
# Prints medians of wall time and CPU time (user+system, children included) and the ratios.
# Usage: bench/cycle.sh [runs=5] [files=10000]   (needs PostgreSQL on 127.0.0.1:5432, user postgres)
# WT_BEFORE=/path/to/an/older/wt adds its rows to the same interleaved rounds (a change's A/B).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
n=${1:-5}; files=${2:-10000}
wt=$(wt_bin)
pg="postgresql://postgres@127.0.0.1:5432/postgres"
dir=$(mktemp -d)
cleanup() {
  (cd "$dir/emb" 2>/dev/null && "$wt" down --force bench/keep >/dev/null 2>&1 && "$wt" db server remove --force >/dev/null 2>&1) || true
  [ -z "${WT_BEFORE:-}" ] || (cd "$dir/emb-b" 2>/dev/null && "$WT_BEFORE" down --force bench/keep >/dev/null 2>&1 \
    && "$WT_BEFORE" db server remove --force >/dev/null 2>&1) || true
  rm -rf "$dir"
}
trap cleanup EXIT

make_repo() { # $1 folder, $2 wt.toml
  mkdir -p "$1"; cd "$1"
  git init -q -b main
  for i in $(seq "$files"); do d=src/$((i % 100)); mkdir -p "$d"; echo "file $i" > "$d/f$i.txt"; done
  printf '.env.local\n.env.development.local\n' > .gitignore
  printf '%s' "$2" > wt.toml
  git add -A && git -c user.email=b@b -c user.name=b commit -qm init
  echo "SECRET_KEY=s3cret" > .env.local
}
dbs='[databases.app]
env = "DATABASE_URL"
fill = "empty"
[databases.world]
env = "WORLD_DATABASE_URL"
fill = "empty"
[files]
symlink = [".env.local"]
'
make_repo "$dir/script" ""
make_repo "$dir/url" "project = \"bench\"
[postgres]
mode = \"url\"
url = \"$pg\"
$dbs"
make_repo "$dir/emb" "project = \"benche\"
$dbs"
if [ -n "${WT_BEFORE:-}" ]; then
  # the older build gets repositories of its own: the two would otherwise take each other's spare folders
  make_repo "$dir/url-b" "project = \"benchb\"
[postgres]
mode = \"url\"
url = \"$pg\"
$dbs"
  make_repo "$dir/emb-b" "project = \"benchf\"
$dbs"
fi

# the script a team would otherwise keep in its repository
script_cycle() {
  cd "$dir/script"
  git worktree add -q -b bench/s "$dir/script-s" main
  psql -q -X "$pg" -c 'CREATE DATABASE bench_app_s' -c 'CREATE DATABASE bench_world_s'
  ln -s "$dir/script/.env.local" "$dir/script-s/.env.local"
  cat > "$dir/script-s/.env.development.local" <<EOF
DATABASE_URL=postgresql://postgres@127.0.0.1:5432/bench_app_s
WORLD_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/bench_world_s
PORT=3100
EOF
  psql -q -X "$pg" -c 'DROP DATABASE bench_app_s WITH (FORCE)' -c 'DROP DATABASE bench_world_s WITH (FORCE)'
  git worktree remove --force "$dir/script-s"
  git branch -q -D bench/s
}
# the floor: the git part of wt's cycle alone, no JVM and no database (wt's parallel checkout; its
# down renames the folder away instead of waiting for the deletion, which starts in the background)
floor_cycle() {
  cd "$dir/script"
  git -c checkout.workers=0 worktree add -q --no-track -b bench/f -- "$dir/script-f" main
  mv "$dir/script-f" "$dir/script-f.gone" && git worktree prune && git branch -q -D bench/f
  (setsid nice -n 19 ionice -c 3 rm -rf "$dir/script-f.gone" >/dev/null 2>&1 &)
}
wt_cycle() { cd "$dir/$1" && "$wt" up bench/w && "$wt" down bench/w; }
# the same with WT_RECYCLE=0: every up writes all files, as the first up in a repository does
fresh_cycle() { cd "$dir/$1" && WT_RECYCLE=0 "$wt" up bench/w && WT_RECYCLE=0 "$wt" down bench/w; }
before=${WT_BEFORE:-}
before_cycle() { cd "$dir/$1" && "$before" up bench/w && "$before" down bench/w; }

(cd "$dir/emb" && "$wt" up bench/keep >/dev/null) # starts the cluster and builds the template once
[ -z "$before" ] || (cd "$dir/emb-b" && "$before" up bench/keep >/dev/null)
"$wt" --version >/dev/null; [ -z "$before" ] || "$before" --version >/dev/null; sleep 5                # the launcher's archive, as after any first use

declare -A wall cpu
timed() { # $1 label, rest: command; appends wall and cpu (ms) of one run
  local label=$1 out; shift
  out=$( { TIMEFORMAT='%R %U %S'; time "$@" >/dev/null 2>&1; } 2>&1 | tail -n1)
  read -r r u s <<<"$out"
  wall[$label]+=" $(awk -v r="$r" 'BEGIN{printf "%d", r*1000}')"
  cpu[$label]+=" $(awk -v u="$u" -v s="$s" 'BEGIN{printf "%d", (u+s)*1000}')"
}
# each round starts one row later: a cycle runs while the previous one's deletion may still be going
# on in the background, and that costs its checkout up to a second of system time, so no row may
# always follow the same one
rows=("script script_cycle" "floor floor_cycle" "url wt_cycle url" "embedded wt_cycle emb" "url-fresh fresh_cycle url")
[ -z "$before" ] || rows+=("before-url before_cycle url-b" "before-embedded before_cycle emb-b")
for round in $(seq 0 $((n - 1))); do
  for row in $(seq 0 $((${#rows[@]} - 1))); do
    timed ${rows[$(( (row + round) % ${#rows[@]} ))]}
  done
done
median() { printf '%s\n' $@ | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2))}'; }
sw=$(median ${wall[script]}); sc=$(median ${cpu[script]})
printf '%-34s %8s %8s %8s %8s\n' "" "wall ms" "cpu ms" "wall x" "cpu x"
printf '%-34s %8s %8s %8s %8s\n' "shell script (baseline)" "$sw" "$sc" 1.00 1.00
for m in floor url embedded url-fresh ${before:+before-url before-embedded}; do
  w=$(median ${wall[$m]}); c=$(median ${cpu[$m]})
  label="wt up + wt down ($m)"; [ "$m" = floor ] && label="floor: wt's git steps alone"
  [ "$m" = url-fresh ] && label="wt, url, WT_RECYCLE=0"
  printf '%-34s %8s %8s %8s %8s\n' "$label" "$w" "$c" "$(ratio "$w" "$sw")" "$(ratio "$c" "$sc")"
done
echo "medians of $n interleaved rounds on $files files; target: wall x <= 0.60"
echo "url and embedded reuse the folder the previous round's wt down kept (not in their first round)"
