#!/usr/bin/env bash
# Start-up cost of wt against its baseline, in this one invocation with rounds interleaved: a bare
# Java hello-world started by the same JDK with the same JVM flags as the launcher uses and its
# own class-data archive (its best: an AOT cache on JDK >= 25, a dynamic CDS archive before). Measures
# `wt --version`, `wt env` (a provisioned worktree, warm env cache) and `wt list` (one worktree),
# prints medians and the ratios to the hello-world (targets: --version <= 1.3x, env <= 1.5x), then
# the peak RSS of `wt up`, `wt env` and `wt list` (target < 100 MB).
# The JDK is the one the launcher would pick; WT_JAVA_HOME=/usr/lib/jvm/... measures another.
# Usage: bench/startup.sh [rounds=21]
set -euo pipefail
. "$(dirname "$0")/lib.sh"
n=${1:-21}
wt=$(wt_bin)

if [ -z "${WT_JAVA_HOME:-}" ]; then
  if [ -n "${JAVA_HOME:-}" ]; then WT_JAVA_HOME=$JAVA_HOME
  else WT_JAVA_HOME=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
  fi
fi
export WT_JAVA_HOME
java=$WT_JAVA_HOME/bin/java
feature=$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
# the launcher's own JVM flags, read from its one line that sets them
flags=$(grep -a -m1 '^jvm_flags=' "$wt" | sed "s/^jvm_flags='\(.*\)'.*/\1/")
[ -n "$flags" ] || { echo "no jvm_flags= line in $wt" >&2; exit 1; }

dir=$(mktemp -d)
cleanup() { (cd "$dir/app" 2>/dev/null && "$wt" down --force bench/startup >/dev/null 2>&1) || true; rm -rf "$dir"; }
trap cleanup EXIT
# wt's state (port claims, trust) goes to the temp folder; the start-up archive stays in ~/.cache
export XDG_STATE_HOME=$dir/state XDG_CONFIG_HOME=$dir/config WT_PG_MODE=none

# the baseline: a hello-world jar with its own archive
mkdir -p "$dir/hello"
printf 'public class Hello { public static void main(String[] a) { System.out.println("hello"); } }\n' > "$dir/hello/Hello.java"
"$WT_JAVA_HOME/bin/javac" -d "$dir/hello" "$dir/hello/Hello.java"
printf 'Main-Class: Hello\n' > "$dir/hello/manifest"
(cd "$dir/hello" && "$WT_JAVA_HOME/bin/jar" cfm hello.jar manifest Hello.class)
if [ "$feature" -ge 25 ]; then
  # shellcheck disable=SC2086
  "$java" -XX:AOTCacheOutput="$dir/hello/hello.aot" $flags -jar "$dir/hello/hello.jar" >/dev/null 2>&1
  hello="$java -XX:AOTCache=$dir/hello/hello.aot $flags -jar $dir/hello/hello.jar"
else
  # shellcheck disable=SC2086
  "$java" -XX:ArchiveClassesAtExit="$dir/hello/hello.jsa" $flags -jar "$dir/hello/hello.jar" >/dev/null 2>&1
  hello="$java -XX:SharedArchiveFile=$dir/hello/hello.jsa $flags -jar $dir/hello/hello.jar"
fi

# a repository with one worktree wt provisioned; its env cache warm, as on every cd
mkdir -p "$dir/app"; cd "$dir/app"
git init -q -b main
printf '[ports]\ncount = 2\n[env.vars]\nAPI_PORT = "${WT_PORT_1}"\n' > wt.toml
git add -A && git -c user.email=b@b -c user.name=b commit -qm init
"$wt" up bench/startup >/dev/null 2>&1
wtdir=$(git worktree list --porcelain | sed -n 's/^worktree //p' | grep -v "^$dir/app\$" | head -1)
(cd "$wtdir" && "$wt" env >/dev/null)
# let the launcher build its archive in the background (the first run after a build starts it)
cache=${XDG_CACHE_HOME:-$HOME/.cache}/wt
name=$(printf %s "$(readlink -f "$wt")" | tr -c 'A-Za-z0-9.' _)
for _ in $(seq 120); do
  [ ! -e "$cache/wt-$feature-"*"-$name.lock" ] \
    && [ -n "$(find "$cache" -maxdepth 1 -name "wt-$feature-*-$name.*" -newer "$wt" 2>/dev/null)" ] && break
  "$wt" --version >/dev/null; sleep 1
done

labels=(); cmds=()
add() { labels+=("$1"); cmds+=("$2"); }
add "java hello-world (baseline)" "$hello"
add "wt --version" "'$wt' --version"
add "wt env" "cd '$wtdir' && '$wt' env"
add "wt list" "cd '$dir/app' && '$wt' list"
# sets $cpu_ms to the children's CPU time (user + system) so far, from the shell's own `times`
ms_of() { local m=${1%%m*} f=${1#*m}; f=${f%s}; echo $(( m * 60000 + 10#${f/./} )); }
cpu_now() {
  local u s
  times > "$dir/times"
  { read -r _ _; read -r u s; } < "$dir/times"
  cpu_ms=$(( $(ms_of "$u") + $(ms_of "$s") ))
}
declare -A times cpus
for ((i = 0; i < n; i++)); do
  for j in "${!cmds[@]}"; do
    cpu_now; c0=$cpu_ms; t0=${EPOCHREALTIME/./}
    (eval "${cmds[$j]}") >/dev/null 2>&1
    t1=${EPOCHREALTIME/./}; cpu_now; c1=$cpu_ms
    times[$j]+="$(( (t1 - t0) / 100 )) "; cpus[$j]+="$(( (c1 - c0) * 10 )) "
  done
done
# statistics of a list of tenths of ms, printed in ms
median10() { tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {m = NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2; printf "%.1f", m/10}'; }
min10() { tr ' ' '\n' | grep . | sort -n | head -1 | awk '{printf "%.1f", $1/10}'; }
declare -a med low cpu
for j in "${!cmds[@]}"; do
  med[$j]=$(median10 <<<"${times[$j]}"); low[$j]=$(min10 <<<"${times[$j]}"); cpu[$j]=$(median10 <<<"${cpus[$j]}")
done
echo "JDK $feature ($WT_JAVA_HOME), flags: $flags"
echo "$n interleaved rounds, load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-30s %10s %7s %10s %7s %10s\n' "" "median ms" "ratio" "fastest" "ratio" "CPU ms"
for j in "${!cmds[@]}"; do
  printf '%-30s %10s %6sx %10s %6sx %10s\n' "${labels[$j]}" "${med[$j]}" "$(ratio "${med[$j]}" "${med[0]}")" \
    "${low[$j]}" "$(ratio "${low[$j]}" "${low[0]}")" "${cpu[$j]}"
done
echo "targets (medians): wt --version <= 1.3x, wt env <= 1.5x the hello-world"

# peak RSS (max resident set of the JVM, which the launcher execs into) in MB
rss() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1 | awk '{printf "%.1f", $1/1024}'; }
up_rss=$(cd "$dir/app" && rss "$wt" up bench/rss)
(cd "$dir/app" && "$wt" down --force bench/rss >/dev/null 2>&1) || true
env_rss=$(cd "$wtdir" && rss "$wt" env)
list_rss=$(cd "$dir/app" && rss "$wt" list)
hello_rss=$(rss $hello)
printf 'peak RSS: wt up %s MB, wt env %s MB, wt list %s MB (hello-world %s MB); target < 100 MB\n' \
  "$up_rss" "$env_rss" "$list_rss" "$hello_rss"
