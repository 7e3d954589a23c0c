# Shared by the bench scripts: timing in milliseconds and medians. Source it.
now_ms() { date +%s%3N; }

# median_ms N CMD...: runs CMD N times (output discarded) and prints the median wall time in ms
median_ms() {
  n=$1; shift
  times=()
  for _ in $(seq "$n"); do
    t0=$(now_ms); "$@" >/dev/null 2>&1; t1=$(now_ms)
    times+=($((t1 - t0)))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2))}'
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "n/a"; else printf "%.2f", a / b }'; }

wt_bin() { echo "${WT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/target/wt}"; }
