#!/usr/bin/env bash
# Schemathesis (a third-party fuzzer) over the whole public API, from its own OpenAPI schema, against a live server
# on a fresh, seeded database. Fails on any server error or schema violation (issue 10 finding 13).
#
#   make fuzz-api                       # SQLite in a temporary directory
#   FUZZ_DATABASE_URL=postgres://…/db make fuzz-api   # an empty database to migrate and seed (CI: PostgreSQL)
#   FUZZ_EXAMPLES=100 make fuzz-api     # more examples per operation (default 30)
#   FUZZ_TEMPLATE_DB=govsites_seeded …  # with FUZZ_DATABASE_URL: copy that seeded database (.ci/seed-template.sh)
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PY:-.venv/bin/python}
PORT=${FUZZ_PORT:-8765}
EXAMPLES=${FUZZ_EXAMPLES:-30}
WORK=$(mktemp -d -t govsites-fuzz-XXXXXX)
export DJANGO_SETTINGS_MODULE=config.settings.test
export DATABASE_URL=${FUZZ_DATABASE_URL:-sqlite:///$WORK/fuzz.sqlite3}
export LOG_LEVEL=ERROR

server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

if [ -n "${FUZZ_TEMPLATE_DB:-}" ] && [[ $DATABASE_URL == postgres* ]]; then
  echo "== fuzz-api: copy of the seeded ${FUZZ_TEMPLATE_DB}"
  psql --dbname="${DATABASE_URL%/*}/postgres" -qtAc "DROP DATABASE IF EXISTS ${DATABASE_URL##*/} WITH (FORCE)" >/dev/null
  psql --dbname="${DATABASE_URL%/*}/postgres" -qtAc "CREATE DATABASE ${DATABASE_URL##*/} TEMPLATE $FUZZ_TEMPLATE_DB" >/dev/null
else
  echo "== fuzz-api: migrate and seed the demo group ($([[ $DATABASE_URL == sqlite* ]] && echo SQLite || echo PostgreSQL))"
  $PY manage.py migrate --noinput -v0 >/dev/null
  $PY manage.py seed_calendar >/dev/null
  $PY manage.py seed_search_dictionary >/dev/null
  $PY manage.py seed_demo --if-empty >/dev/null
fi

echo "== fuzz-api: serve on 127.0.0.1:$PORT"
$PY manage.py runserver "127.0.0.1:$PORT" --noreload >"$WORK/server.log" 2>&1 &
server_pid=$!

# Every check that compares answers with the schema; positive_data_acceptance is left out on purpose: the schema
# cannot list which site slugs exist, so valid-looking bodies for unknown sites are refused (400) by design.
CHECKS=not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance
CHECKS=$CHECKS,response_headers_conformance,negative_data_rejection,unsupported_method,missing_required_header
status=0
.venv/bin/schemathesis run "http://127.0.0.1:$PORT/api/v1/openapi.json" \
  --wait-for-schema 120 --checks "$CHECKS" --max-examples "$EXAMPLES" --workers 2 --no-color \
  --seed "${FUZZ_SEED:-20261203}" || status=$?
if grep -q "Traceback" "$WORK/server.log"; then
  echo "== fuzz-api: the server logged a traceback:"
  grep -B2 -A30 "Traceback" "$WORK/server.log" | head -120
  status=1
fi
exit $status
