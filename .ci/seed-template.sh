#!/usr/bin/env bash
# Seed the demo group once into a PostgreSQL template database that the API fuzzing, the restore drill and the
# deployment smoke test then copy (CREATE DATABASE … TEMPLATE …, seconds) instead of each seeding its own (minutes).
#
#   SEED_PG=postgres://postgres@127.0.0.1:54330 .ci/seed-template.sh     # → database govsites_seeded
#
# Environment: SEED_PG (server URL without a database; default postgres://postgres@127.0.0.1:${PG_PORT:-54329}),
# SEED_DB (govsites_seeded), PY. The template is seeded with the dev settings (the demo is development-only), sites
# on port 80, the search index in the database (SearchDocument rows); Redis and Elasticsearch are not used here —
# each copy's user sets its own port and reindexes into its own Elasticsearch index.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
PG=${SEED_PG:-postgres://postgres@127.0.0.1:${PG_PORT:-54329}}
DB=${SEED_DB:-govsites_seeded}

started=$SECONDS
psql --dbname="$PG/postgres" -qtAc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null
psql --dbname="$PG/postgres" -qtAc "CREATE DATABASE $DB" >/dev/null
run() {
  env -u REDIS_URL -u ELASTICSEARCH_URL DATABASE_URL="$PG/$DB" DJANGO_SETTINGS_MODULE=config.settings.dev DEBUG=0 \
    LOG_LEVEL=ERROR LOG_ACCESS=0 SITES_PORT=80 SEARCH_AUTO_INDEX=0 "$PY" manage.py "$@"
}
run migrate --noinput -v0 >/dev/null
run seed_calendar >/dev/null
run seed_search_dictionary >/dev/null
run seed_demo -v0
run search_reindex --no-progress >/dev/null
run db_worker --batch --no-startup-delay --no-reload -v0  # whatever the seed queued besides indexing
echo "   template $DB seeded in $((SECONDS - started)) s"
