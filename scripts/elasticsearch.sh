#!/usr/bin/env bash
# Throwaway single-node Elasticsearch for the test suite.
#
#   scripts/elasticsearch.sh start   # download/unzip/build on first use, start a fresh node, write .cache/elasticsearch/current.env
#   scripts/elasticsearch.sh stop    # stop the node and delete its data (no-op when nothing runs)
#   scripts/elasticsearch.sh url     # print the node's URL (exit 1 when none runs)
#
# Uses the minimal "integ-test-zip" distribution from Maven Central plus the test-only analysis plugin built from
# scripts/es-analysis-plugin (standard analysis-common components such as elision, asciifolding, stemmer,
# synonym_graph, edge_ngram...). Everything lives in .cache/elasticsearch/. When run as root, the node runs as the
# system user "reperes-es" (created when missing): Elasticsearch refuses to run as root.
#
# Environment: ES_JAVA_HOME (default: JAVA_HOME, else the JDK of `java` on PATH; Java >= 17),
#              ES_HEAP (default 512m), ES_START_TIMEOUT (seconds, default 120),
#              ES_EXTRA_JAVA_OPTS (appended to the node's JVM options, e.g. -XX:TieredStopAtLevel=4 for full JIT),
#              ES_KEEP_FAILED_RUN=1 (keep the run directory of a failed start for inspection).
set -euo pipefail
umask 022

ES_VERSION=8.19.8
ES_ARTIFACT="org.elasticsearch.distribution.integ-test-zip:elasticsearch:${ES_VERSION}:zip"
ES_USER=reperes-es
PLUGIN_NAME=reperes-analysis

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$SCRIPT_DIR/.." && pwd)
CACHE_DIR="$REPO_ROOT/.cache/elasticsearch"
ZIP="$CACHE_DIR/elasticsearch-$ES_VERSION.zip"
ES_HOME="$CACHE_DIR/elasticsearch-$ES_VERSION"
PLUGIN_SRC="$SCRIPT_DIR/es-analysis-plugin"
PLUGIN_JAR="$CACHE_DIR/$PLUGIN_NAME-$ES_VERSION.jar"
ENV_FILE="$CACHE_DIR/current.env"

log() { echo "elasticsearch.sh: $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------------------------------------------------------
# helpers

java_home() {
    local h="${ES_JAVA_HOME:-${JAVA_HOME:-}}"
    if [[ -z "$h" ]]; then
        local j
        j=$(command -v java) || die "java not found (install a JDK >= 17 or set ES_JAVA_HOME)"
        h=$(dirname "$(dirname "$(readlink -f "$j")")")
    fi
    [[ -x "$h/bin/java" ]] || die "no java in $h (set ES_JAVA_HOME to a JDK >= 17)"
    echo "$h"
}

# Reads current.env into ELASTICSEARCH_* variables; returns 1 when there is none.
load_env() {
    [[ -f "$ENV_FILE" ]] || return 1
    ELASTICSEARCH_URL=; ELASTICSEARCH_PID=; ELASTICSEARCH_RUN_DIR=
    local k v
    while IFS='=' read -r k v; do
        case "$k" in
            ELASTICSEARCH_URL) ELASTICSEARCH_URL=$v ;;
            ELASTICSEARCH_PID) ELASTICSEARCH_PID=$v ;;
            ELASTICSEARCH_RUN_DIR) ELASTICSEARCH_RUN_DIR=$v ;;
        esac
    done <"$ENV_FILE"
}

# The node runs in its own session (setsid) whose id is the launcher's pid; zombies do not count.
# shellcheck disable=SC2009 # pgrep cannot select by session id
group_alive() { [[ -n "${1:-}" ]] && ps -o stat= -s "$1" 2>/dev/null | grep -qv '^Z'; }

kill_group() {
    local pgid=$1 i
    group_alive "$pgid" || return 0
    kill -TERM -- "-$pgid" 2>/dev/null || true
    for ((i = 0; i < 300; i++)); do
        group_alive "$pgid" || break
        sleep 0.1
    done
    if group_alive "$pgid"; then
        log "node did not stop within 30 s, sending SIGKILL"
        kill -KILL -- "-$pgid" 2>/dev/null || true
    fi
    for ((i = 0; i < 50; i++)); do
        group_alive "$pgid" || break
        sleep 0.1
    done
    # give init a moment to reap the exited processes, so that callers see no leftover at all
    for ((i = 0; i < 20; i++)); do
        [[ -z "$(ps -o pid= -s "$pgid" 2>/dev/null)" ]] && return 0
        sleep 0.1
    done
}

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# Runs a command as the node's user: ES_USER when we are root, else ourselves.
as_es_user() {
    if [[ $EUID -eq 0 ]]; then
        setpriv --reuid="$ES_USER" --regid="$ES_USER" --clear-groups -- "$@"
    else
        "$@"
    fi
}

# ---------------------------------------------------------------------------------------------------------------
# preparation (cached)

fetch_distribution() {
    [[ -f "$ZIP" ]] && return 0
    log "downloading $ES_ARTIFACT ..."
    local tmp
    tmp=$(mktemp -d "$CACHE_DIR/download.XXXXXX")
    if command -v mvn >/dev/null; then
        mvn -B -q org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
            -Dartifact="$ES_ARTIFACT" -DoutputDirectory="$tmp" >"$tmp/mvn.log" 2>&1 \
            || { tail -n 30 "$tmp/mvn.log" >&2; rm -rf "$tmp"; die "maven download failed"; }
    else
        curl -fsSL --retry 3 -o "$tmp/elasticsearch-$ES_VERSION.zip" \
            "https://repo1.maven.org/maven2/org/elasticsearch/distribution/integ-test-zip/elasticsearch/$ES_VERSION/elasticsearch-$ES_VERSION.zip" \
            || { rm -rf "$tmp"; die "download failed (no mvn, curl failed)"; }
    fi
    mv "$tmp/elasticsearch-$ES_VERSION.zip" "$ZIP"
    rm -rf "$tmp"
}

unpack_distribution() {
    [[ -x "$ES_HOME/bin/elasticsearch" ]] && return 0
    local tmp
    tmp=$(mktemp -d "$CACHE_DIR/unzip.XXXXXX")
    unzip -q "$ZIP" -d "$tmp" || { rm -rf "$tmp"; die "cannot unzip $ZIP"; }
    rm -rf "$ES_HOME"
    mv "$tmp/elasticsearch-$ES_VERSION" "$ES_HOME"
    rm -rf "$tmp"
}

build_plugin() {
    if [[ -f "$PLUGIN_JAR" ]] && [[ -z "$(find "$PLUGIN_SRC" -type f -newer "$PLUGIN_JAR" -print -quit)" ]]; then
        return 0
    fi
    log "building analysis plugin ..."
    local jh tmp
    jh=$(java_home)
    [[ -x "$jh/bin/javac" ]] || die "javac not found in $jh (a full JDK is needed to build the plugin)"
    tmp=$(mktemp -d "$CACHE_DIR/build.XXXXXX")
    mkdir -p "$tmp/classes"
    # shellcheck disable=SC2046
    if ! "$jh/bin/javac" -nowarn -Xlint:none --release 17 -encoding UTF-8 -cp "$ES_HOME/lib/*" -d "$tmp/classes" \
        $(find "$PLUGIN_SRC/src" -name '*.java') >"$tmp/javac.log" 2>&1; then
        cat "$tmp/javac.log" >&2
        rm -rf "$tmp"
        die "plugin compilation failed"
    fi
    "$jh/bin/jar" cf "$tmp/plugin.jar" -C "$tmp/classes" .
    mv "$tmp/plugin.jar" "$PLUGIN_JAR"
    rm -rf "$tmp"
}

install_plugin() {
    local dest="$ES_HOME/plugins/$PLUGIN_NAME" descriptor
    descriptor=$(sed "s/@ES_VERSION@/$ES_VERSION/g" "$PLUGIN_SRC/plugin-descriptor.properties")
    if cmp -s "$PLUGIN_JAR" "$dest/$PLUGIN_NAME.jar" \
        && [[ "$descriptor" == "$(cat "$dest/plugin-descriptor.properties" 2>/dev/null)" ]]; then
        return 0
    fi
    rm -rf "$dest"
    mkdir -p "$dest"
    cp "$PLUGIN_JAR" "$dest/$PLUGIN_NAME.jar"
    printf '%s\n' "$descriptor" >"$dest/plugin-descriptor.properties"
}

ensure_user() {
    [[ $EUID -eq 0 ]] || return 0
    id -u "$ES_USER" >/dev/null 2>&1 && return 0
    useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$ES_USER" \
        || die "cannot create system user $ES_USER"
}

# ---------------------------------------------------------------------------------------------------------------
# commands

cmd_url() {
    if load_env && group_alive "$ELASTICSEARCH_PID"; then
        echo "$ELASTICSEARCH_URL"
    else
        log "no Elasticsearch running"
        return 1
    fi
}

cmd_stop() {
    load_env || return 0
    if group_alive "$ELASTICSEARCH_PID"; then
        kill_group "$ELASTICSEARCH_PID"
        log "stopped (pid $ELASTICSEARCH_PID)"
    fi
    if [[ -n "$ELASTICSEARCH_RUN_DIR" && -d "$ELASTICSEARCH_RUN_DIR" ]]; then
        rm -rf "$ELASTICSEARCH_RUN_DIR"
    fi
    rm -f "$ENV_FILE"
}

START_PID=
START_RUN_DIR=
START_OK=0
cleanup_failed_start() {
    if [[ $START_OK -eq 0 ]]; then
        if [[ -n "$START_PID" ]]; then
            kill_group "$START_PID"
            wait "$START_PID" 2>/dev/null || true # our own child: reap it
        fi
        if [[ -n "$START_RUN_DIR" && -z "${ES_KEEP_FAILED_RUN:-}" ]]; then rm -rf "$START_RUN_DIR"; fi
    fi
    return 0
}

cmd_start() {
    if load_env; then
        if group_alive "$ELASTICSEARCH_PID"; then
            echo "Elasticsearch already running at $ELASTICSEARCH_URL (pid $ELASTICSEARCH_PID)"
            return 0
        fi
        cmd_stop # stale state
    fi
    for tool in python3 curl unzip; do command -v "$tool" >/dev/null || die "$tool is required"; done

    local t0=$SECONDS jh
    jh=$(java_home)
    fetch_distribution
    unpack_distribution
    build_plugin
    install_plugin
    ensure_user

    trap cleanup_failed_start EXIT
    trap 'exit 130' INT TERM

    local run_dir es_home="$ES_HOME"
    run_dir=$(mktemp -d "$CACHE_DIR/run-$(date +%Y%m%d-%H%M%S)-$$.XXXX")
    START_RUN_DIR=$run_dir
    if [[ $EUID -eq 0 ]]; then
        chown "$ES_USER:" "$run_dir"
        # The repository may live in a directory the node's user cannot traverse (e.g. /root/...):
        # then run a private copy of the distribution from a temporary directory instead.
        if ! as_es_user test -r "$ES_HOME/lib/elasticsearch-$ES_VERSION.jar" -a -w "$run_dir"; then
            rm -rf "$run_dir"
            run_dir=$(mktemp -d "${TMPDIR:-/tmp}/reperes-es-run.XXXXXX")
            START_RUN_DIR=$run_dir
            cp -a "$ES_HOME" "$run_dir/home"
            es_home="$run_dir/home"
            chown "$ES_USER:" "$run_dir"
        fi
    fi
    mkdir -p "$run_dir/data" "$run_dir/logs" "$run_dir/tmp"
    cp -r "$es_home/config" "$run_dir/config"
    if [[ $EUID -eq 0 ]]; then chown -R "$ES_USER:" "$run_dir"; fi

    local port tport url
    port=$(free_port)
    tport=$(free_port)
    while [[ "$tport" == "$port" ]]; do tport=$(free_port); done
    url="http://127.0.0.1:$port"

    # C1-only JIT roughly halves start-up time (measured 21 s -> 11 s on 2 cores); plenty for a test node.
    local heap=${ES_HEAP:-512m} fast_jvm="-XX:TieredStopAtLevel=1 -XX:-AlwaysPreTouch -XX:-UsePerfData"
    local -a user_prefix=()
    if [[ $EUID -eq 0 ]]; then user_prefix=(setpriv --reuid="$ES_USER" --regid="$ES_USER" --clear-groups --); fi
    # setsid: own session/process group, so stop/cleanup can signal the launcher and the server JVM together.
    (
        exec 9>&- # do not hand the cache lock to the node
        cd "$run_dir"
        exec setsid env -i \
            PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
            HOME="$run_dir" LANG=C.UTF-8 \
            ES_JAVA_HOME="$jh" \
            ES_PATH_CONF="$run_dir/config" \
            ES_TMPDIR="$run_dir/tmp" \
            ES_JAVA_OPTS="-Xms$heap -Xmx$heap $fast_jvm ${ES_EXTRA_JAVA_OPTS:-}" \
            CLI_JAVA_OPTS="$fast_jvm -Djava.io.tmpdir=$run_dir/tmp" \
            "${user_prefix[@]}" "$es_home/bin/elasticsearch" \
            -E cluster.name=reperes-test \
            -E node.name=reperes-test \
            -E discovery.type=single-node \
            -E network.host=127.0.0.1 \
            -E http.port="$port" \
            -E transport.port="$tport" \
            -E path.data="$run_dir/data" \
            -E path.logs="$run_dir/logs" \
            -E xpack.security.enabled=false \
            -E xpack.security.autoconfiguration.enabled=false \
            -E cluster.routing.allocation.disk.threshold_enabled=false \
            -E action.destructive_requires_name=false \
            -E bootstrap.memory_lock=false \
            -p "$run_dir/elasticsearch.pid" \
            </dev/null >"$run_dir/stdout.log" 2>&1
    ) &
    START_PID=$!

    local timeout=${ES_START_TIMEOUT:-120} ok=0 t_launch=$SECONDS
    while ((SECONDS - t_launch < timeout)); do
        if curl -fs -o /dev/null --max-time 5 "$url/_cluster/health?wait_for_status=yellow&timeout=1s"; then
            ok=1
            break
        fi
        group_alive "$START_PID" || break
        sleep 0.5
    done
    if ((ok == 0)); then
        if group_alive "$START_PID"; then
            log "Elasticsearch did not become ready within ${timeout}s"
        else
            log "Elasticsearch exited during startup"
        fi
        log "---- last lines of $run_dir/logs/reperes-test.log ----"
        tail -n 80 "$run_dir/logs/reperes-test.log" >&2 2>/dev/null || true
        log "---- last lines of stdout/stderr ----"
        tail -n 80 "$run_dir/stdout.log" >&2 2>/dev/null || true
        exit 1
    fi

    local version
    version=$(curl -fs --max-time 5 "$url/_nodes/_local?filter_path=nodes.*.version" \
        | python3 -c 'import json,sys; print(next(iter(json.load(sys.stdin)["nodes"].values()))["version"])') \
        || version="?"
    if ! grep -q "\"$PLUGIN_NAME\"" <(curl -fs --max-time 5 "$url/_cat/plugins?h=component&format=json"); then
        log "analysis plugin $PLUGIN_NAME is not loaded"
        exit 1
    fi

    {
        echo "ELASTICSEARCH_URL=$url"
        echo "ELASTICSEARCH_PID=$START_PID"
        echo "ELASTICSEARCH_RUN_DIR=$run_dir"
    } >"$ENV_FILE.tmp"
    mv "$ENV_FILE.tmp" "$ENV_FILE"
    START_OK=1
    trap - EXIT INT TERM
    echo "Elasticsearch $version running at $url (pid $START_PID, started in $((SECONDS - t0))s)"
}

main() {
    local cmd=${1:-}
    case "$cmd" in
        start | stop | url) ;;
        *)
            echo "usage: $0 {start|stop|url}" >&2
            exit 2
            ;;
    esac
    mkdir -p "$CACHE_DIR"
    exec 9>"$CACHE_DIR/.lock"
    flock 9
    "cmd_$cmd"
}

main "$@"
