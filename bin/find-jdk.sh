# shellcheck shell=sh
# find-jdk.sh: finds a JDK 21 or newer for NSDb. A function library: source it, do not run it.
#
#   . bin/find-jdk.sh
#   nsdb_require_jdk          # exports JAVA_HOME, puts $JAVA_HOME/bin first in PATH; or exits 1
#   nsdb_find_jdk [--quiet]   # the same, but returns 1 instead of exiting (--quiet: no message)
#
# Search order:
#   1. $JAVA_HOME, if it is a JDK 21+;
#   2. `java` on PATH, if it belongs to a JDK 21+;
#   3. the usual folders, newest version first: /usr/lib/jvm/*, /usr/java/*, /opt/java/*,
#      /opt/jdk*, /Library/Java/JavaVirtualMachines/*/Contents/Home, ~/.sdkman/candidates/java/*,
#      ~/.jdks/*. NSDB_JDK_SEARCH_PATH (a colon-separated list of folders or glob patterns, each
#      naming candidate JDK homes) replaces that list.
#
# A JDK is a folder with an executable bin/java and bin/javac (Maven compiles in-process, so a
# runtime without javac cannot build NSDb). Its major version comes from `bin/java -version`, or,
# when that says nothing usable, from JAVA_VERSION in its `release` file.
#
# Plain POSIX sh (plus `local`, which dash, bash, busybox ash and ksh all have); every name it
# defines starts with nsdb_ or _nsdb_.

NSDB_MIN_JAVA=21

# Prints the major version in a version string: "17.0.15" -> 17, "25" -> 25, "25-ea" -> 25,
# "21+35" -> 21, "1.8.0_292" -> 8. Prints nothing when there is no leading number.
_nsdb_major_of() {
  local v="$1"
  case "$v" in 1.*) v="${v#1.}" ;; esac
  v="${v%%[!0-9]*}"
  printf '%s' "$v"
}

# Prints the major Java version of the home $1, or nothing if it has no runnable bin/java or no
# version can be read.
_nsdb_java_major() {
  local home="$1" v=""
  [ -x "$home/bin/java" ] || return 0
  # First line shaped like: openjdk version "21.0.2" 2024-01-16 (lines such as
  # "Picked up JAVA_TOOL_OPTIONS: ..." may come before it).
  v=$("$home/bin/java" -version 2>&1 </dev/null |
    sed -n 's/^[^"]* version "\([^"]*\)".*/\1/p' | sed -n 1p)
  v=$(_nsdb_major_of "$v")
  if [ -z "$v" ] && [ -r "$home/release" ]; then
    # JAVA_VERSION="21.0.2"
    v=$(sed -n 's/^JAVA_VERSION="\{0,1\}\([^"]*\)"\{0,1\}[[:space:]]*$/\1/p' "$home/release" | sed -n 1p)
    v=$(_nsdb_major_of "$v")
  fi
  printf '%s' "$v"
}

# Prints the physical path of the folder $1 (symlinks resolved), or nothing if it is not one.
_nsdb_realdir() {
  (cd -P -- "$1" 2>/dev/null && pwd -P)
}

# Prints the home of the `java` found on PATH, or nothing.
_nsdb_path_java_home() {
  local java home
  java=$(command -v java 2>/dev/null) || return 0
  [ -n "$java" ] || return 0
  # Resolve /usr/bin/java -> /etc/alternatives/java -> /usr/lib/jvm/x/bin/java where readlink -f
  # exists; otherwise (or if that gives no JDK layout) ask the JVM itself.
  if home=$(readlink -f -- "$java" 2>/dev/null) && [ -n "$home" ]; then
    home="${home%/bin/java}"
    # A JDK 9+ home has a release file; /usr (macOS launcher stubs) has not.
    if [ -x "$home/bin/java" ] && [ -f "$home/release" ]; then
      printf '%s' "$home"
      return 0
    fi
  fi
  home=$("$java" -XshowSettings:properties -version 2>&1 </dev/null |
    sed -n 's/^[[:space:]]*java\.home = //p' | sed -n 1p)
  # Java 8 reports the jre/ inside the JDK.
  case "$home" in */jre) [ -x "${home%/jre}/bin/javac" ] && home="${home%/jre}" ;; esac
  printf '%s' "$home"
}

# Appends one line to _nsdb_report, the list of what was looked at, for the failure message.
_nsdb_note() {
  _nsdb_report="${_nsdb_report}    $1
"
}

# Looks at the home $1 (described as $2 in the report). Sets _nsdb_major; returns 0 if it is a
# usable JDK of at least NSDB_MIN_JAVA.
_nsdb_check_home() {
  local home="$1" what="$2"
  _nsdb_major=""
  if [ ! -x "$home/bin/java" ]; then
    _nsdb_note "$what: no bin/java there"
    return 1
  fi
  _nsdb_major=$(_nsdb_java_major "$home")
  if [ -z "$_nsdb_major" ]; then
    _nsdb_note "$what: version unreadable"
    return 1
  fi
  if [ "$_nsdb_major" -lt "$NSDB_MIN_JAVA" ]; then
    _nsdb_note "$what: Java $_nsdb_major (too old)"
    return 1
  fi
  if [ ! -x "$home/bin/javac" ]; then
    _nsdb_note "$what: Java $_nsdb_major, but a runtime only (no bin/javac)"
    return 1
  fi
  return 0
}

_nsdb_use() {
  JAVA_HOME="$1"
  export JAVA_HOME
  case ":$PATH:" in
    ":$JAVA_HOME/bin:"*) ;;
    *) PATH="$JAVA_HOME/bin:$PATH" ;;
  esac
  export PATH
  NSDB_JAVA_MAJOR="$2"
  export NSDB_JAVA_MAJOR
}

_nsdb_default_search_path() {
  printf '%s' "/usr/lib/jvm/*:/usr/java/*:/opt/java/*:/opt/jdk*"
  printf '%s' ":/Library/Java/JavaVirtualMachines/*/Contents/Home"
  if [ -n "${HOME-}" ]; then
    printf '%s' ":$HOME/.sdkman/candidates/java/*:$HOME/.jdks/*"
  fi
}

# Finds a JDK 21+; on success exports JAVA_HOME (and NSDB_JAVA_MAJOR), puts $JAVA_HOME/bin first
# in PATH and returns 0. Otherwise prints what it found and what to install to stderr (unless
# --quiet) and returns 1.
nsdb_find_jdk() {
  local quiet="" home real search seen best best_major old_ifs noglob
  [ "${1-}" = --quiet ] && quiet=1
  _nsdb_report=""
  seen=":"

  # 1. JAVA_HOME
  if [ -n "${JAVA_HOME-}" ]; then
    if _nsdb_check_home "$JAVA_HOME" "JAVA_HOME=$JAVA_HOME"; then
      _nsdb_use "$JAVA_HOME" "$_nsdb_major"
      return 0
    fi
    real=$(_nsdb_realdir "$JAVA_HOME")
    [ -z "$real" ] || seen="$seen$real:"
  fi

  # 2. java on PATH
  home=$(_nsdb_path_java_home)
  if [ -n "$home" ]; then
    real=$(_nsdb_realdir "$home")
    case "$seen" in
      *":$real:"*) ;; # the same JDK as JAVA_HOME, already looked at
      *)
        if _nsdb_check_home "$home" "$home (java on PATH)"; then
          _nsdb_use "$home" "$_nsdb_major"
          return 0
        fi
        [ -z "$real" ] || seen="$seen$real:"
        ;;
    esac
  fi

  # 3. the usual folders: the newest qualifying version wins (the first found among equals).
  search="${NSDB_JDK_SEARCH_PATH-$(_nsdb_default_search_path)}"
  best=""
  best_major=0
  old_ifs="$IFS"
  case $- in *f*) noglob=1 ;; *) noglob="" ;; esac
  set +f
  IFS=:
  # Unquoted on purpose: split at ':' and expand each glob; a pattern that matches nothing stays
  # as it is and fails the -d test below.
  for home in $search; do
    IFS="$old_ifs"
    [ -n "$home" ] && [ -d "$home" ] || continue
    real=$(_nsdb_realdir "$home")
    [ -n "$real" ] || continue
    case "$seen" in *":$real:"*) continue ;; esac
    seen="$seen$real:"
    # Skip folders that are plainly not a Java home (e.g. /usr/lib/jvm/openjdk-17 holds only
    # docs), so the failure message lists real candidates only.
    [ -x "$real/bin/java" ] || continue
    if _nsdb_check_home "$real" "$real"; then
      _nsdb_note "$real: Java $_nsdb_major"
      if [ "$_nsdb_major" -gt "$best_major" ]; then
        best="$real"
        best_major="$_nsdb_major"
      fi
    fi
  done
  IFS="$old_ifs"
  [ -z "$noglob" ] || set -f

  if [ -n "$best" ]; then
    if [ -z "$quiet" ] && [ -n "${JAVA_HOME-}" ]; then
      echo "nsdb: JAVA_HOME=$JAVA_HOME is not a JDK $NSDB_MIN_JAVA+; using $best (Java $best_major) instead." >&2
    fi
    _nsdb_use "$best" "$best_major"
    return 0
  fi

  [ -n "$quiet" ] || nsdb_print_no_jdk_message
  return 1
}

# The failure message, from the report of the last nsdb_find_jdk.
nsdb_print_no_jdk_message() {
  {
    echo "nsdb: no JDK $NSDB_MIN_JAVA or newer found. NSDb needs JDK $NSDB_MIN_JAVA or newer to build and run."
    if [ -n "${_nsdb_report-}" ]; then
      echo "  Java installations found:"
      printf '%s' "$_nsdb_report"
    else
      echo "  No Java installation was found at all (looked at JAVA_HOME, java on PATH and the usual folders)."
    fi
    echo "  Install a JDK $NSDB_MIN_JAVA+:"
    echo "    Debian/Ubuntu:  sudo apt-get install openjdk-21-jdk-headless"
    echo "    any system:     Eclipse Temurin 21 or newer from https://adoptium.net"
    echo "  then set JAVA_HOME to it (for example: export JAVA_HOME=/usr/lib/jvm/java-21-openjdk-amd64) and run this again."
  } >&2
}

# nsdb_find_jdk, or exit 1 with the message.
nsdb_require_jdk() {
  nsdb_find_jdk || exit 1
}
