#!/bin/sh
# wt launcher: this shell stub and the wt jar are one file. It finds a JDK >= 17 (WT_JAVA_HOME,
# JAVA_HOME, PATH, then the usual install folders unless WT_JAVA_SCAN=0, so it works from hooks
# run with a minimal environment), and starts the JVM with a class-data-sharing archive built on
# first use.
self=$0
case $self in */*) ;; *) self=$(command -v -- "$self") ;; esac

version_of() { # prints the feature version of the JDK at $1, or nothing
  if [ -r "$1/release" ]; then # read in plain sh: hooks may run with a PATH that has no sed
    while IFS= read -r line || [ -n "$line" ]; do
      case $line in
        JAVA_VERSION=*) v=${line#JAVA_VERSION=\"}; v=${v%%[!0-9]*}; [ -n "$v" ] && { echo "$v"; return; } ;;
      esac
    done < "$1/release"
  fi
  "$1/bin/java" -version 2>&1 | sed -n '1s/.*version "\([0-9][0-9]*\).*/\1/p'
}

too_old=
pick() { # accepts $1 as JAVA home if it holds java >= 17; remembers older ones for the error
  [ -n "$1" ] && [ -x "$1/bin/java" ] || return 1
  v=$(version_of "$1")
  if [ -z "$v" ] || ! [ "$v" -ge 17 ] 2>/dev/null; then
    too_old="$too_old $1 (Java ${v:-of unknown version})"
    return 1
  fi
  java_home=$1
  java_version=$v
}

java_home=
for candidate in "${WT_JAVA_HOME:-}" "${JAVA_HOME:-}"; do
  pick "$candidate" && break
done
if [ -z "$java_home" ] && command -v java >/dev/null 2>&1; then
  j=$(command -v java)
  while [ -L "$j" ]; do
    t=$(readlink "$j"); case $t in /*) j=$t ;; *) j=$(dirname "$j")/$t ;; esac
  done
  pick "$(cd "$(dirname "$j")/.." && pwd)"
fi
if [ -z "$java_home" ] && [ "${WT_JAVA_SCAN:-1}" != 0 ]; then
  for candidate in /usr/lib/jvm/* /opt/homebrew/opt/openjdk*/libexec/openjdk.jdk/Contents/Home \
      /usr/local/opt/openjdk*/libexec/openjdk.jdk/Contents/Home /Library/Java/JavaVirtualMachines/*/Contents/Home \
      "$HOME"/.sdkman/candidates/java/current; do
    pick "$candidate" && break
  done
fi
if [ -z "$java_home" ]; then
  where="WT_JAVA_HOME, JAVA_HOME, PATH"
  if [ "${WT_JAVA_SCAN:-1}" = 0 ]; then where="$where; install folders skipped: WT_JAVA_SCAN=0"; else where="$where and /usr/lib/jvm"; fi
  if [ -n "$too_old" ]; then where="$where; too old:$too_old"; fi
  echo "wt: no Java 17 or newer found (looked at $where)" >&2
  echo "hint: install a JDK >= 17 (e.g. apt-get install openjdk-17-jre-headless) or set WT_JAVA_HOME" >&2
  exit 3
fi

# The archive is keyed by this file's identity and the JDK, and built in the background so the
# first run is never slower; a stale or broken archive is simply ignored by the JVM.
cache=${XDG_CACHE_HOME:-$HOME/.cache}/wt
stamp=$(cksum < "$self" 2>/dev/null | cut -d' ' -f1)
key=$(printf '%s' "$java_home" | cksum | cut -d' ' -f1)
archive=$cache/wt-$stamp-$java_version-$key
set -- -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss2m -Xlog:disable -Xlog:all=error:stderr -jar "$self" "$@"
if [ "${WT_CDS:-1}" = 1 ] && [ -n "$stamp" ] && [ -n "${HOME:-}${XDG_CACHE_HOME:-}" ]; then
  if [ "$java_version" -ge 25 ]; then ext=aot; else ext=jsa; fi
  if [ -f "$archive.$ext" ]; then
    if [ "$ext" = aot ]; then
      set -- -XX:AOTCache="$archive.$ext" "$@"
    else
      set -- -XX:SharedArchiveFile="$archive.$ext" "$@"
    fi
  elif mkdir -p "$cache" 2>/dev/null && { [ -z "$(find "$archive.lock" -maxdepth 0 -mmin +10 2>/dev/null)" ] \
      || rmdir "$archive.lock" 2>/dev/null; } && mkdir "$archive.lock" 2>/dev/null; then
    # (a lock older than ten minutes is left over from a build that was killed)
    (
      if [ "$ext" = aot ]; then
        "$java_home/bin/java" -XX:AOTCacheOutput="$archive.tmp.$ext" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC \
          -Xlog:disable -jar "$self" __warm >/dev/null 2>&1
      else
        "$java_home/bin/java" -XX:ArchiveClassesAtExit="$archive.tmp.$ext" -XX:TieredStopAtLevel=1 \
          -XX:+UseSerialGC -Xlog:disable -jar "$self" __warm >/dev/null 2>&1
      fi
      [ -s "$archive.tmp.$ext" ] && mv -f "$archive.tmp.$ext" "$archive.$ext"
      rm -f "$archive.tmp.$ext"; rmdir "$archive.lock"
      for old in "$cache"/wt-*-"$java_version-$key".*; do # archives of earlier builds
        case $old in "$archive".*) ;; *) rm -rf "$old" ;; esac
      done
    ) </dev/null >/dev/null 2>&1 &
  fi
fi
exec "$java_home/bin/java" "$@"
exit 3
