#!/usr/bin/env bash
# Backup/restore drill (issue 11): seed a PostgreSQL database with the demo group, back it up with
# deploy/backup.sh, restore into an empty database with deploy/restore.sh, then compare the row count of every
# table and the rendered HTML of the portal home, a disclosure document and a reply page between the two.
# Exits non-zero on any difference.
#
#   DRILL_PG=postgres://postgres@127.0.0.1:54330 .ci/restore-drill.sh
#
# Environment: DRILL_PG (server URL without a database; default postgres://postgres@127.0.0.1:${PG_PORT:-54329}),
# DRILL_DB (database name prefix, default govsites_drill), DRILL_SCALE (extra villages, default 0), PY,
# DRILL_WORK (a directory to keep the media and backup in; default a temporary one, removed at the end),
# DRILL_REUSE=1 (keep the seeded source database and DRILL_WORK of an earlier run: only back up, restore, compare),
# DRILL_TEMPLATE_DB (copy that seeded database as the source instead of seeding: .ci/seed-template.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PY:-.venv/bin/python}
PG=${DRILL_PG:-postgres://postgres@127.0.0.1:${PG_PORT:-54329}}
DB=${DRILL_DB:-govsites_drill}
SRC_URL="$PG/${DB}_src"
DST_URL="$PG/${DB}_dst"
if [ -n "${DRILL_WORK:-}" ]; then
  WORK=$DRILL_WORK
  mkdir -p "$WORK"
else
  WORK=$(mktemp -d -t govsites-drill-XXXXXX)
  trap 'rm -rf "$WORK"' EXIT
fi
export PYTHON=$PY
# Demo data needs the dev settings (production never installs the demo); caches are per process, search uses the
# database index unless ELASTICSEARCH_URL is set by the caller.
export DJANGO_SETTINGS_MODULE=config.settings.dev DEBUG=0 LOG_LEVEL=ERROR LOG_ACCESS=0
unset REDIS_URL

recreate() {
  psql --dbname="$PG/postgres" -qtAc "DROP DATABASE IF EXISTS $1 WITH (FORCE)" >/dev/null
  psql --dbname="$PG/postgres" -qtAc "CREATE DATABASE $1" >/dev/null
}

as_source() { DATABASE_URL=$SRC_URL MEDIA_ROOT=$WORK/src/media PRIVATE_MEDIA_ROOT=$WORK/src/private "$@"; }
as_target() { DATABASE_URL=$DST_URL MEDIA_ROOT=$WORK/dst/media PRIVATE_MEDIA_ROOT=$WORK/dst/private "$@"; }

started=$SECONDS
recreate "${DB}_dst"
rm -rf "$WORK/dst" "$WORK/backups"
mkdir -p "$WORK/dst"
if [ "${DRILL_REUSE:-0}" != 1 ]; then
  rm -rf "$WORK/src"
  mkdir -p "$WORK"/src/{media,private}
  if [ -n "${DRILL_TEMPLATE_DB:-}" ]; then
    echo "== drill: ${DB}_src is a copy of the seeded ${DRILL_TEMPLATE_DB}"
    psql --dbname="$PG/postgres" -qtAc "DROP DATABASE IF EXISTS ${DB}_src WITH (FORCE)" >/dev/null
    psql --dbname="$PG/postgres" -qtAc "CREATE DATABASE ${DB}_src TEMPLATE $DRILL_TEMPLATE_DB" >/dev/null
  else
    echo "== drill: seed ${DB}_src (scale ${DRILL_SCALE:-0})"
    recreate "${DB}_src"
    as_source "$PY" manage.py migrate --noinput -v0 >/dev/null
    as_source "$PY" manage.py seed_calendar >/dev/null
    as_source "$PY" manage.py seed_search_dictionary >/dev/null
    as_source "$PY" manage.py seed_demo --scale "${DRILL_SCALE:-0}" -v0
  fi
  # The seed's indexing is queued (django-tasks-db); run it as the worker would, so the source has its search index.
  as_source "$PY" manage.py db_worker --batch --no-startup-delay --no-reload -v0
  # Every real installation has uploaded files and private attachments; the demo seed writes none, so the drill
  # adds one of each (the comparison below checks the media trees file by file).
  echo "drill document" >"$WORK/src/media/drill.txt"
  echo "drill attachment" >"$WORK/src/private/drill.txt"
  echo "   seeded in $((SECONDS - started)) s"
fi

echo "== drill: back up"
backup=$(as_source deploy/backup.sh "$WORK/backups")
ls -l "$backup"

echo "== drill: restore into the empty ${DB}_dst"
as_target deploy/restore.sh "$backup"

echo "== drill: compare"
as_source "$PY" .ci/drill_snapshot.py >"$WORK/src.json"
as_target "$PY" .ci/drill_snapshot.py >"$WORK/dst.json"
status=0
if ! diff -u "$WORK/src.json" "$WORK/dst.json"; then
  echo "FAIL: the restored database differs from the original (diff above)"
  status=1
fi
if ! diff -r "$WORK/src/media" "$WORK/dst/media" >/dev/null || ! diff -r "$WORK/src/private" "$WORK/dst/private" >/dev/null; then
  echo "FAIL: the restored media differ from the original"
  status=1
fi
"$PY" .ci/drill_snapshot.py --summary "$WORK/src.json"
echo "   $((SECONDS - started)) s in all"
if [ "$status" = 0 ]; then
  echo "PASS: restore drill (row counts of every table, media files and rendered pages identical)"
fi
[ -n "${DRILL_WORK:-}" ] || psql --dbname="$PG/postgres" -qtAc "DROP DATABASE IF EXISTS ${DB}_src WITH (FORCE)" >/dev/null
psql --dbname="$PG/postgres" -qtAc "DROP DATABASE IF EXISTS ${DB}_dst WITH (FORCE)" >/dev/null
exit $status
