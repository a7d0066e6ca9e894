#!/usr/bin/env bash
# Deployment smoke test (issue 11): nginx (deploy/nginx-govsites-locations.conf) in front of two gunicorn instances
# with production settings, PostgreSQL, a Redis of its own, Elasticsearch behind a relay the test can cut, and the
# task worker when the project has one; a fresh database (govsites_smoke) seeded with the demo group. Then
# .ci/smoke.py checks, through nginx, what a city's deployment must do; one PASS/FAIL/SKIP line per check, exit
# non-zero on any failure.
#
#   SMOKE_PG=postgres://postgres@127.0.0.1:54330 ELASTICSEARCH_URL=http://127.0.0.1:9200 .ci/smoke.sh
#
# Environment: SMOKE_PG (PostgreSQL server URL without a database; default postgres://postgres@127.0.0.1:${PG_PORT:-54329}),
# SMOKE_DB (govsites_smoke), ELASTICSEARCH_URL (required: the node the relay forwards to), SMOKE_PORT (nginx, 8880;
# the instances use the next two ports, the pinned nginx ports the two after), SMOKE_REDIS_PORT (63891),
# SMOKE_INDEX_PREFIX (smoke_), SMOKE_KEEP=1 (leave the work directory for inspection), SMOKE_REUSE=1 (keep the
# database and index seeded by an earlier run: seeding takes minutes), SMOKE_TEMPLATE_DB (copy that seeded database
# instead of seeding: .ci/seed-template.sh; its sites get this test's nginx port), PY.
#
# Redis: the test starts and stops its own redis-server. Elasticsearch: the shared node is never stopped; the
# application reaches it through a TCP relay (.ci/smoke_relay.py) that the test stops and restarts, which is what
# the application sees of an Elasticsearch outage (connection refused).
set -euo pipefail
cd "$(dirname "$0")/.."
APP=$(pwd)
PY=${PY:-$APP/.venv/bin/python}
PG=${SMOKE_PG:-postgres://postgres@127.0.0.1:${PG_PORT:-54329}}
DB=${SMOKE_DB:-govsites_smoke}
PORT=${SMOKE_PORT:-8880}
PORT_A=$((PORT + 1)) PORT_B=$((PORT + 2)) PIN_A=$((PORT + 3)) PIN_B=$((PORT + 4)) RELAY_PORT=$((PORT + 5))
REDIS_PORT=${SMOKE_REDIS_PORT:-63891}
ES_TARGET=${ELASTICSEARCH_URL:?ELASTICSEARCH_URL must name the Elasticsearch node (e.g. http://127.0.0.1:9200)}
WORK=$(mktemp -d -t govsites-smoke-XXXXXX)
chmod 755 "$WORK"
pids=()

cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  [ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null || true
  [ -f "$WORK/relay.pid" ] && kill "$(cat "$WORK/relay.pid")" 2>/dev/null || true
  redis-cli -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
  sleep 1
  if [ "${SMOKE_KEEP:-0}" = 1 ]; then echo "== smoke: work directory kept: $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

command -v nginx >/dev/null || { echo "== smoke: apt-get install nginx"; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null; }

# Production settings, every variable set (docs/deployment.md); plain HTTP, so no HTTPS redirect or secure cookies.
export DJANGO_SETTINGS_MODULE=config.settings.production
export SECRET_KEY=smoke-test-secret-key-not-for-production-0123456789abcdef
export ALLOWED_HOSTS=.localhost
export TRUSTED_PROXIES=127.0.0.1
export DATABASE_URL="$PG/$DB"
export REDIS_URL="redis://127.0.0.1:$REDIS_PORT/0"
export ELASTICSEARCH_URL="http://127.0.0.1:$RELAY_PORT"
export SEARCH_INDEX_PREFIX=${SMOKE_INDEX_PREFIX:-smoke_}
export SEARCH_ELASTICSEARCH_REPLICAS=0
export SEARCH_ELASTICSEARCH_TIMEOUT=2
export MEDIA_ROOT="$WORK/media" PRIVATE_MEDIA_ROOT="$WORK/private"
export SITES_PORT=$PORT
export SECURE_SSL_REDIRECT=0 SECURE_COOKIES=0 SECURE_HSTS_SECONDS=0
export PAGE_CACHE_SECONDS=300
export LOG_FORMAT=json LOG_LEVEL=WARNING
# Every request comes from nginx on 127.0.0.1: the per-address limits would otherwise stop the test itself.
export INTERACTION_MAX_PER_IP_HOUR=1000 INTERACTION_CAPTCHA_AFTER_PER_IP_HOUR=1000
mkdir -p "$MEDIA_ROOT" "$PRIVATE_MEDIA_ROOT" "$WORK/static" "$WORK/logs"

export TASKS_BACKEND=django_tasks_db.DatabaseBackend

# The production nginx files (TLS server, default server, the map of hostnames) must pass nginx -t as shipped;
# only paths are moved into the work directory, with a throw-away self-signed certificate.
check_production_nginx() {
  local t="$WORK/nginx-prod"
  mkdir -p "$t/snippets" "$t/ssl"
  openssl req -x509 -newkey rsa:2048 -nodes -subj /CN=smoke -days 1 \
    -keyout "$t/ssl/privkey.pem" -out "$t/ssl/fullchain.pem" >/dev/null 2>&1
  sed "s#/etc/nginx/snippets/#$t/snippets/#" deploy/nginx-govsites-locations.conf >"$t/snippets/govsites-locations.conf"
  cp deploy/nginx-govsites-proxy.conf "$t/snippets/govsites-proxy.conf"
  sed -e "s#/etc/nginx/snippets/#$t/snippets/#" -e "s#/etc/ssl/govsites/#$t/ssl/#" -e "s#/var/log/nginx/#$t/#" \
    deploy/nginx-govsites.conf >"$t/site.conf"
  printf 'pid %s/nginx.pid;\nerror_log %s/error.log;\nevents {}\nhttp { include /etc/nginx/mime.types; %s include %s/site.conf; }\n' \
    "$t" "$t" "client_body_temp_path $t/body; proxy_temp_path $t/proxy;" "$t" >"$t/nginx.conf"
  nginx -t -q -c "$t/nginx.conf" -p "$t"
}
if check_production_nginx; then
  echo "PASS deploy/nginx-govsites.conf passes nginx -t"
else
  echo "FAIL deploy/nginx-govsites.conf does not pass nginx -t"
  exit 1
fi

echo "== smoke: Redis on $REDIS_PORT, Elasticsearch relay $RELAY_PORT -> $ES_TARGET"
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no --daemonize yes \
  --dir "$WORK" --logfile "$WORK/logs/redis.log" >/dev/null
for _ in $(seq 1 50); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done
"$PY" .ci/smoke_relay.py "$RELAY_PORT" "$ES_TARGET" "$WORK/relay.pid" >"$WORK/logs/relay.log" 2>&1 &

started=$SECONDS
if [ "${SMOKE_REUSE:-0}" = 1 ]; then
  echo "== smoke: reusing database $DB and its search index"
elif [ -n "${SMOKE_TEMPLATE_DB:-}" ]; then
  echo "== smoke: database $DB, a copy of the seeded $SMOKE_TEMPLATE_DB"
  psql --dbname="$PG/postgres" -qtAc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null
  psql --dbname="$PG/postgres" -qtAc "CREATE DATABASE $DB TEMPLATE $SMOKE_TEMPLATE_DB" >/dev/null
  # Links between sites must point at nginx, as seeding with SITES_PORT would have made them.
  psql --dbname="$PG/$DB" -qtAc "UPDATE wagtailcore_site SET port = $PORT" >/dev/null
  "$PY" manage.py migrate --noinput -v0 >/dev/null
  SEARCH_ELASTICSEARCH_TIMEOUT=60 "$PY" manage.py search_reindex --no-progress >/dev/null
else
  echo "== smoke: fresh database $DB, demo group"
  psql --dbname="$PG/postgres" -qtAc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null
  psql --dbname="$PG/postgres" -qtAc "CREATE DATABASE $DB" >/dev/null
  "$PY" manage.py migrate --noinput -v0 >/dev/null
  "$PY" manage.py seed_calendar >/dev/null
  "$PY" manage.py seed_search_dictionary >/dev/null
  # The demo seed is development-only (production never installs it), so it runs with dev settings on the same
  # database; the sites get SITES_PORT, so links between sites point at nginx.
  DJANGO_SETTINGS_MODULE=config.settings.dev SEARCH_AUTO_INDEX=0 "$PY" manage.py seed_demo -v0
  # Bulk indexing takes longer than the 2 s the served search may wait before falling back.
  SEARCH_ELASTICSEARCH_TIMEOUT=60 "$PY" manage.py search_reindex --no-progress >/dev/null
fi
STATIC_ROOT_DIR="$APP/var/static"
"$PY" manage.py collectstatic --noinput -v0
echo "   database ready in $((SECONDS - started)) s"

echo "== smoke: two gunicorn instances (127.0.0.1:$PORT_A, 127.0.0.1:$PORT_B) and the task worker"
for name in a b; do
  port=$([ $name = a ] && echo $PORT_A || echo $PORT_B)
  GUNICORN_BIND="127.0.0.1:$port" GUNICORN_WORKERS=2 "$APP/.venv/bin/gunicorn" -c deploy/gunicorn.conf.py \
    --pid "$WORK/gunicorn-$name.pid" config.wsgi:application >"$WORK/logs/app-$name.log" 2>&1 &
  pids+=($!)
done
"$PY" manage.py db_worker >"$WORK/logs/worker.log" 2>&1 &
pids+=($!)
echo $! >"$WORK/worker.pid"

echo "== smoke: nginx on 127.0.0.1:$PORT (pinned to one instance: $PIN_A, $PIN_B)"
mkdir -p "$WORK/nginx/snippets" "$WORK/nginx/tmp"
sed -e "s#/srv/govsites/var/static/#$STATIC_ROOT_DIR/#" -e "s#/srv/govsites/var/media/#$MEDIA_ROOT/#" \
  -e "s#/etc/nginx/snippets/#$WORK/nginx/snippets/#" deploy/nginx-govsites-locations.conf \
  >"$WORK/nginx/snippets/govsites-locations.conf"
cp deploy/nginx-govsites-proxy.conf "$WORK/nginx/snippets/govsites-proxy.conf"
for name in a b; do
  sed "s#http://govsites_app#http://govsites_$name#" deploy/nginx-govsites-proxy.conf >"$WORK/nginx/snippets/proxy-$name.conf"
done
user_line=""
[ "$(id -u)" = 0 ] && user_line="user root;"
cat >"$WORK/nginx/nginx.conf" <<CONF
$user_line
worker_processes 1;
pid $WORK/nginx.pid;
error_log $WORK/logs/nginx-error.log warn;
events { worker_connections 256; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    client_body_temp_path $WORK/nginx/tmp/body;
    proxy_temp_path $WORK/nginx/tmp/proxy;
    fastcgi_temp_path $WORK/nginx/tmp/fastcgi;
    uwsgi_temp_path $WORK/nginx/tmp/uwsgi;
    scgi_temp_path $WORK/nginx/tmp/scgi;
    log_format govsites '\$remote_addr - [\$time_iso8601] "\$host" "\$request" \$status \$body_bytes_sent '
                        '\$request_time \$upstream_addr \$upstream_response_time rid=\$request_id';
    access_log $WORK/logs/nginx-access.log govsites;
    upstream govsites_app { server 127.0.0.1:$PORT_A max_fails=3 fail_timeout=10s; server 127.0.0.1:$PORT_B max_fails=3 fail_timeout=10s; keepalive 8; }
    upstream govsites_a { server 127.0.0.1:$PORT_A; }
    upstream govsites_b { server 127.0.0.1:$PORT_B; }
    server { listen 127.0.0.1:$PORT default_server; server_name _; return 444; }
    server {
        listen 127.0.0.1:$PORT;
        server_name .localhost;
        include $WORK/nginx/snippets/govsites-locations.conf;
    }
    server { listen 127.0.0.1:$PIN_A; server_name .localhost; location / { include $WORK/nginx/snippets/proxy-a.conf; } }
    server { listen 127.0.0.1:$PIN_B; server_name .localhost; location / { include $WORK/nginx/snippets/proxy-b.conf; } }
}
CONF
nginx -t -q -c "$WORK/nginx/nginx.conf" -p "$WORK/nginx"
nginx -c "$WORK/nginx/nginx.conf" -p "$WORK/nginx"

export SMOKE_PORT=$PORT SMOKE_PIN_A=$PIN_A SMOKE_PIN_B=$PIN_B SMOKE_WORK=$WORK SMOKE_REDIS_PORT=$REDIS_PORT
export SMOKE_RELAY_PORT=$RELAY_PORT SMOKE_ES_TARGET=$ES_TARGET
status=0
"$PY" .ci/smoke.py || status=$?
# Errors other than the cache's own "ignored" lines during the Redis outage (govsites.cache) fail the test.
if grep -h '"level": "ERROR"' "$WORK"/logs/app-*.log | grep -v '"logger": "govsites.cache"' | head -5 | grep .; then
  echo "FAIL: the application logged errors (above)"
  status=1
fi
exit $status
