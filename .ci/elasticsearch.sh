#!/usr/bin/env bash
# A throw-away single-node Elasticsearch 8 on 127.0.0.1 for tests and local development.
#
#   .ci/elasticsearch.sh start    fetch (once, into ~/.m2) and start; prints the version and the URL to export
#   .ci/elasticsearch.sh stop     stop it and delete its data
#   .ci/elasticsearch.sh status   exit 0 when the node answers
#
# It uses the integ-test-zip distribution from Maven Central (Elastic's own test build: no bundled JDK, no
# plugins, only core analysis), fetched with `mvn dependency:copy` and run on the machine's JDK 17+. The
# search app's index mapping uses nothing beyond that, so what passes here runs on any Elasticsearch 8 cluster.
# Elasticsearch refuses to run as root, so as root the node runs as the system user `elasticsearch`.
#
# Environment: ES_VERSION (default: newest 8.x on Maven Central), ES_PORT (9200), ES_DIR (/tmp/govsites-es),
# ES_JAVA_OPTS (-Xms256m -Xmx512m), ES_WAIT_SECONDS (120).
set -euo pipefail

ES_PORT=${ES_PORT:-9200}
ES_DIR=${ES_DIR:-/tmp/govsites-es}
ES_WAIT_SECONDS=${ES_WAIT_SECONDS:-120}
export ES_JAVA_OPTS=${ES_JAVA_OPTS:--Xms256m -Xmx512m}
GROUP_ID=org.elasticsearch.distribution.integ-test-zip
ARTIFACT_ID=elasticsearch
URL="http://127.0.0.1:$ES_PORT"

log() { echo "[elasticsearch] $*" >&2; }

mvn_quiet() {
  # Maven's output only when it fails.
  local out
  if ! out=$(mvn -B -q -Dstyle.color=never "$@" 2>&1); then
    echo "$out" >&2
    return 1
  fi
}

answers() { curl -fsS -m 2 "$URL/_cluster/health" >/dev/null 2>&1; }

resolve_version() {
  # The newest 8.x release, read from Maven Central's metadata through a version range.
  if [ -n "${ES_VERSION:-}" ]; then
    echo "$ES_VERSION"
    return
  fi
  local probe="$ES_DIR/resolve"
  mkdir -p "$probe"
  cat >"$probe/pom.xml" <<EOF
<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
<groupId>local</groupId><artifactId>es-resolve</artifactId><version>1</version><packaging>pom</packaging>
<dependencies><dependency><groupId>$GROUP_ID</groupId><artifactId>$ARTIFACT_ID</artifactId>
<version>[8.0.0,8.999.999]</version><type>zip</type></dependency></dependencies></project>
EOF
  (cd "$probe" && mvn_quiet dependency:resolve -DexcludeTransitive=true -DoutputFile=resolved.txt)
  grep -o "$ARTIFACT_ID:zip:8[0-9.]*" "$probe/resolved.txt" | head -n 1 | cut -d: -f3
}

fetch() {
  local version=$1 dest="$ES_DIR/dist"
  local zip="$dest/$ARTIFACT_ID-$version.zip"
  if [ ! -s "$zip" ]; then
    mkdir -p "$dest"
    log "mvn dependency:copy $GROUP_ID:$ARTIFACT_ID:$version:zip"
    (cd "$dest" && mvn_quiet dependency:copy -Dartifact="$GROUP_ID:$ARTIFACT_ID:$version:zip" -DoutputDirectory="$dest" \
      -Dmdep.overWriteReleases=false)
  fi
  echo "$zip"
}

java_home() {
  if [ -n "${ES_JAVA_HOME:-}" ]; then echo "$ES_JAVA_HOME"; return; fi
  if [ -n "${JAVA_HOME:-}" ]; then echo "$JAVA_HOME"; return; fi
  dirname "$(dirname "$(readlink -f "$(command -v java)")")"
}

start() {
  if answers; then
    log "a node already answers on $URL; not starting another"
    print_version
    return
  fi
  command -v java >/dev/null || { log "java (JDK 17+) is required"; exit 1; }
  command -v mvn >/dev/null || { log "mvn (Maven) is required to fetch Elasticsearch"; exit 1; }
  local version zip home
  version=$(resolve_version)
  [ -n "$version" ] || { log "could not resolve an Elasticsearch 8 version from Maven Central"; exit 1; }
  zip=$(fetch "$version")
  home="$ES_DIR/node"
  rm -rf "$home" "$ES_DIR/unpack"
  mkdir -p "$ES_DIR/unpack"
  unzip -q "$zip" -d "$ES_DIR/unpack"
  mv "$ES_DIR/unpack/elasticsearch-$version" "$home"
  rmdir "$ES_DIR/unpack"
  # Loopback only, so Elasticsearch stays in development mode (bootstrap checks warn instead of failing);
  # the disk threshold is off so a nearly full CI disk does not turn the test indices read-only.
  cat >>"$home/config/elasticsearch.yml" <<EOF
cluster.name: govsites-test
node.name: govsites-test-node
network.host: 127.0.0.1
http.port: $ES_PORT
transport.port: $((ES_PORT + 100))
discovery.type: single-node
xpack.security.enabled: false
cluster.routing.allocation.disk.threshold_enabled: false
EOF
  local jhome cmd
  jhome=$(java_home)
  cmd="cd '$home' && ES_JAVA_HOME='$jhome' ES_JAVA_OPTS='$ES_JAVA_OPTS' bin/elasticsearch -d -p '$home/es.pid' >'$home/start.out' 2>&1"
  log "starting $version on $URL (JDK $jhome, $ES_JAVA_OPTS)"
  if [ "$(id -u)" = 0 ]; then
    id elasticsearch >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin elasticsearch
    chown -R elasticsearch: "$home"
    su elasticsearch -s /bin/bash -c "$cmd" || { tail -n 40 "$home/start.out" >&2; exit 1; }
  else
    bash -c "$cmd" || { tail -n 40 "$home/start.out" >&2; exit 1; }
  fi
  local waited=0
  until answers; do
    if [ "$waited" -ge "$ES_WAIT_SECONDS" ]; then
      log "no answer on $URL after ${ES_WAIT_SECONDS}s"
      tail -n 40 "$home"/logs/*.log >&2 || true
      exit 1
    fi
    sleep 1
    waited=$((waited + 1))
  done
  curl -fsS -m 30 "$URL/_cluster/health?wait_for_status=yellow&timeout=30s" >/dev/null
  print_version
  log "ready: export ELASTICSEARCH_URL=$URL"
}

print_version() {
  # The integ-test distribution has no GET / endpoint, so the version comes from the nodes API.
  local version
  version=$(curl -fsS -m 5 "$URL/_nodes/_local?filter_path=nodes.*.version" | grep -o '"version":"[^"]*"' | cut -d'"' -f4)
  log "Elasticsearch $version on $URL"
}

stop() {
  local pidfile="$ES_DIR/node/es.pid"
  if [ -s "$pidfile" ]; then
    local pid
    pid=$(cat "$pidfile")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$pid" 2>/dev/null || true
    log "stopped"
  fi
  rm -rf "$ES_DIR/node"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) answers && print_version ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
