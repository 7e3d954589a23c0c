#!/bin/sh
# wt launcher: this shell stub and the wt jar are one file. It finds a JDK >= 17 (WT_JAVA_HOME,
# JAVA_HOME, PATH, then the usual install folders unless WT_JAVA_SCAN=0, so it works from hooks
# run with a minimal environment), and starts the JVM with a class-data-sharing archive built on
# first use.
self=$0
case $self in */*) ;; *) self=$(command -v -- "$self") ;; esac

# This runs before every command: it starts no process (no $(...), no external tool) unless the
# java found on PATH is a symlink it has not resolved before, which one readlink resolves.
version_of() { # sets $v to the feature version of the JDK at $1, or to nothing
  v=
  if [ -r "$1/release" ]; then # read in plain sh: hooks may run with a PATH that has no sed
    while IFS= read -r line || [ -n "$line" ]; do
      case $line in
        JAVA_VERSION=*) v=${line#JAVA_VERSION=\"}; v=${v%%[!0-9]*}; [ -n "$v" ] && return ;;
      esac
    done < "$1/release"
  fi
  v=$("$1/bin/java" -version 2>&1 | sed -n '1s/.*version "\([0-9][0-9]*\).*/\1/p')
}

too_old=
pick() { # accepts $1 as JAVA home if it holds java >= 17; remembers older ones for the error
  [ -n "$1" ] && [ -x "$1/bin/java" ] || return 1
  version_of "$1"
  if [ -z "$v" ] || ! [ "$v" -ge 17 ] 2>/dev/null; then
    too_old="$too_old $1 (Java ${v:-of unknown version})"
    return 1
  fi
  java_home=$1
  java_version=$v
}

name_of() { # sets $name to $1 with every character but letters, digits and dots made "_"
  name= rest=$1
  while :; do # one step per such character, not per character
    case $rest in
      *[!A-Za-z0-9.]*) head=${rest%%[!A-Za-z0-9.]*}; name=$name${head}_; rest=${rest#"$head"?} ;;
      *) name=$name$rest; break ;;
    esac
  done
}

java_on_path() { # sets $j to the first java on PATH, or to nothing
  j=
  set -f; old_ifs=$IFS; IFS=:
  for d in $PATH; do
    if [ -f "${d:-.}/java" ] && [ -x "${d:-.}/java" ]; then j=${d:-.}/java; break; fi
  done
  IFS=$old_ifs; set +f
}

java_home=
for candidate in "${WT_JAVA_HOME:-}" "${JAVA_HOME:-}"; do
  pick "$candidate" && break
done
if [ -z "$java_home" ]; then
  java_on_path
  if [ -n "$j" ]; then
    if [ -L "$j" ]; then
      # what the link resolved to last time, kept while it is still the same file (test -ef)
      name_of "$j"; known=${XDG_CACHE_HOME:-${HOME:-/nonexistent}/.cache}/wt/java-$name
      t=
      [ -r "$known" ] && read -r t < "$known"
      if [ -n "$t" ] && [ "$t" -ef "$j" ] && ! [ -L "$t" ]; then
        j=$t
      else
        link=$j
        t=$(PATH=${PATH:+$PATH:}/usr/bin:/bin readlink -f "$j" 2>/dev/null) && [ -n "$t" ] && j=$t
        while [ -L "$j" ]; do # a readlink without -f (older macOS)
          t=$(PATH=${PATH:+$PATH:}/usr/bin:/bin readlink "$j") || break
          case $t in /*) j=$t ;; *) j=${j%/*}/$t ;; esac
        done
        case $j in /*) [ -d "${known%/*}" ] && [ "$j" -ef "$link" ] && { printf '%s\n' "$j" > "$known"; } 2>/dev/null ;; esac
      fi
    fi
    case $j in
      */bin/java) pick "${j%/bin/java}" ;;
      *) pick "$(cd "${j%/*}/.." && pwd)" ;;
    esac
  fi
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

# The class-data archive belongs to this file (by path) and this JDK, so an installed wt and a
# project's target/wt keep one each. It is used only while it is newer than this file, built in
# the background in its own session (a hook runner that kills its process group must not kill the
# build), and archives nobody has read for 14 days are removed. Hooks may run with a PATH that
# lacks coreutils: this part uses shell built-ins, and the standard folders for the rest.
case $self in /*) self_abs=$self ;; *) self_abs=${PWD:-$(pwd)}/${self#./} ;; esac
name_of "$self_abs"; archive=$name
name_of "$java_home"
cache=${XDG_CACHE_HOME:-${HOME:-}/.cache}/wt
archive=$cache/wt-$java_version-$name-$archive
jvm_flags='-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -Xss2m -Xms8m -Xlog:disable -Xlog:all=error:stderr' # bench/ reads this line
# No hsperfdata file (jps and jstat do not see wt; 3-15 ms less per command on a busy disk). Before
# JDK 21, on Linux (elsewhere the JVM refuses the mode, and every process start fails), vfork starts
# git without the jspawnhelper step (5-8% of a wt list); later JDKs deprecate it.
if [ "$java_version" -lt 21 ] && [ -r /proc/sys/kernel/ostype ]; then
  jvm_flags="$jvm_flags -Djdk.lang.Process.launchMechanism=VFORK"
fi
# The archive records the jar's path: always name it the same way, however wt was started. -cp
# with the main class, not -jar: -jar makes the JVM read the jar's index (3,600 entries) in
# interpreted code before main, about 10 ms of CPU on every command.
# Whether stdin and stdout are a terminal (as System.console() tells) costs the JVM milliseconds.
if [ -t 0 ] && [ -t 1 ]; then terminal=1; else terminal=0; fi
# env (the shell hook runs it on every cd) and --version load a few hundred classes: the JVM
# relocates a whole archive at start-up (here ~10 ms for the full one's 17 MB), so they get a
# small archive of their own, recorded from their own rehearsal
light=
case ${1-} in
  env|--version|-V) light=.light ;;
  -C) [ "${3-}" = env ] && light=.light ;;
esac
set -- $jvm_flags -Dwt.terminal=$terminal -cp "$self_abs" dev.wt.Main "$@"
# without a home there is no cache; a relative XDG_CACHE_HOME is to be ignored (and the build runs from /)
[ -n "${HOME:-}${XDG_CACHE_HOME:-}" ] || cache=
case $cache in /*) ;; *) cache= ;; esac
if [ "${WT_CDS:-1}" = 1 ] && [ -n "$cache" ]; then
  # a dynamic CDS archive on every JDK: JDK 25's AOT cache (-XX:AOTCache) loads all of its
  # 3,000 classes at start-up and measured slower for wt (docs/performance.md)
  ext=jsa
  if [ "$archive$light.$ext" -nt "$self" ]; then
    set -- -XX:SharedArchiveFile="$archive$light.$ext" "$@"
  elif [ -n "$light" ] && [ "$archive.$ext" -nt "$self" ]; then
    set -- -XX:SharedArchiveFile="$archive.$ext" "$@" # until the light one is built
  fi
  if ! [ "$archive.$ext" -nt "$self" ] || ! [ "$archive.light.$ext" -nt "$self" ]; then
    user_path=${PATH-}
    PATH=${PATH:+$PATH:}/usr/bin:/bin
    holder=
    [ -r "$archive.lock/pid" ] && read -r holder < "$archive.lock/pid"
    if { [ -n "$holder" ] && ! kill -0 "$holder" 2>/dev/null; } \
        || { [ -z "$holder" ] && [ -n "$(find "$archive.lock" -maxdepth 0 -mmin +10 2>/dev/null)" ]; }; then
      rm -rf "$archive.lock" 2>/dev/null # left by a build that was killed
    fi
    if mkdir -p "$cache" 2>/dev/null && mkdir "$archive.lock" 2>/dev/null; then
      # $1 java home, $2 this file, $3 archive (no extension), $4 extension, $5 cache folder
      # from / (a worktree it started in may go meanwhile, and wt stop reaps what runs inside one);
      # the rehearsals' temp folders inside the lock, which a killed build's successor removes;
      # an archive still newer than this file is not built again
      build='echo $$ > "$3.lock/pid"; cd / || exit 1
        [ "$3.$4" -nt "$2" ] || { "$1/bin/java" -XX:ArchiveClassesAtExit="$3.tmp.$4" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xlog:disable -Djava.io.tmpdir="$3.lock" -cp "$2" dev.wt.Main __warm
        [ -s "$3.tmp.$4" ] && mv -f "$3.tmp.$4" "$3.$4"; }
        [ "$3.light.$4" -nt "$2" ] || { "$1/bin/java" -XX:ArchiveClassesAtExit="$3.light.tmp.$4" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xlog:disable -Djava.io.tmpdir="$3.lock" -Dwt.warm=light -cp "$2" dev.wt.Main __warm
        [ -s "$3.light.tmp.$4" ] && mv -f "$3.light.tmp.$4" "$3.light.$4"; }
        rm -f "$3.tmp.$4" "$3.light.tmp.$4"
        find "$5" -maxdepth 1 -name "wt-*" -atime +14 ! -name "${3##*/}.*" -exec rm -rf {} +
        rm -rf "$3.lock"'
      detach=; command -v setsid >/dev/null 2>&1 && detach=setsid
      $detach /bin/sh -c "$build" wt-archive "$java_home" "$self_abs" "$archive" "$ext" "$cache" </dev/null >/dev/null 2>&1 &
    fi
    PATH=$user_path
  fi
fi
exec "$java_home/bin/java" "$@"
exit 3
