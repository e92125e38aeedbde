# Shell helpers shared by the scripts of bench/ and reliability/. Sourced, never run:
#
#   ROOT=$(cd "$(dirname "$0")/.." && pwd); . "$ROOT/scripts/lib.sh"
#
# Messages name the script that sourced it (bench/load, reliability/soak, ...).
# shellcheck shell=bash
SCRIPT_NAME="$(basename "$(dirname "$0")")/$(basename "$0")"

# require_tools TOOL...: exits 2 naming the first tool (a command or a path) that is missing.
require_tools() {
    local tool
    for tool in "$@"; do
        command -v "$tool" >/dev/null 2>&1 || {
            echo "$SCRIPT_NAME: $tool is required (Debian: apt-get install wrk jq curl iproute2)" >&2
            exit 2
        }
    done
}

# free_port: a loopback TCP port nothing uses now (the caller binds it soon after). It is chosen below the
# kernel's ephemeral range: a client that keeps connecting to a port in that range while nothing listens there
# (wrk against a killed service) is sooner or later given that very port as its own source port, connects to
# itself, and holds the port, so that the restarted service cannot bind it.
free_port() {
    local p low
    read -r low _ </proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || low=32768
    [ "$low" -gt 11000 ] || { echo "$SCRIPT_NAME: the ephemeral port range starts at $low; no room below" >&2; return 1; }
    while :; do
        p=$(shuf -i "10000-$((low - 1))" -n 1)
        ss -tan "( sport = :$p or dport = :$p )" | grep -q ":$p\b" || { echo "$p"; return; }
    done
}

# wait_http URL SECONDS: waits until URL answers 2xx; fails with a message after SECONDS.
wait_http() {
    local i
    for ((i = 0; i < $2 * 10; i++)); do
        curl -sf -o /dev/null -m 2 "$1" && return 0
        sleep 0.1
    done
    echo "$SCRIPT_NAME: $1 did not answer within $2 s" >&2
    return 1
}

# stop PID: SIGTERM to the process and its children, then waits (10 s at most) before SIGKILL.
stop() {
    local p=$1 c i
    for c in $(pgrep -P "$p" 2>/dev/null); do kill "$c" 2>/dev/null || true; done
    kill "$p" 2>/dev/null || true
    for ((i = 0; i < 100; i++)); do kill -0 "$p" 2>/dev/null || return 0; sleep 0.1; done
    kill -9 "$p" 2>/dev/null || true
}

# java_feature JAVA_HOME: the JDK's feature version (17, 25, ...).
java_feature() {
    "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'
}

# jdk17_home: JAVA_HOME when it is a JDK 17, else Debian's JDK 17.
jdk17_home() {
    if [ -n "${JAVA_HOME:-}" ] && [ "$(java_feature "$JAVA_HOME")" = 17 ]; then
        echo "$JAVA_HOME"
    else
        echo /usr/lib/jvm/java-17-openjdk-amd64
    fi
}

# package_if_missing FILE... -- MAVEN_ARGS...: when a FILE is missing, builds with the wrapper (tests skipped) from the
# repository root, quietly; the modules to build are in MAVEN_ARGS (-pl ... -am).
package_if_missing() {
    local missing=false
    while [ "$1" != -- ]; do
        [ -e "$1" ] || missing=true
        shift
    done
    shift
    if $missing; then
        echo "== $SCRIPT_NAME: building ($*)"
        (cd "$(dirname "${BASH_SOURCE[0]}")/.." && ./mvnw -B -q -ntp package -DskipTests "$@")
    fi
}
