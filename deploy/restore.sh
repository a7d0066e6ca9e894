#!/usr/bin/env bash
# Restore a backup made by deploy/backup.sh into an EMPTY database and empty media roots. docs/deployment.md
# "Restore".
#
#   deploy/restore.sh BACKUP_DIR [--skip-reindex]
#
# Reads DATABASE_URL, MEDIA_ROOT, PRIVATE_MEDIA_ROOT (and for the last two steps every other production variable)
# from the environment. Steps, each stopping the script on failure:
#   1. the checksums in SHA256SUMS;
#   2. the database has no table in schema public and the media roots are empty (never restores over data);
#   3. pg_restore --exit-on-error --no-owner into the database; untar both media roots;
#   4. `manage.py migrate --check`: a restore of the same release has nothing to migrate (a newer release: run
#      `manage.py migrate --noinput` yourself, as for an upgrade);
#   5. `manage.py search_reindex` rebuilds the search index (Elasticsearch is not backed up) unless --skip-reindex.
# PYTHON (default .venv/bin/python) and APP_DIR (default: this script's repository) locate manage.py.
set -euo pipefail

die() { echo "restore: $*" >&2; exit 1; }
backup=${1:-}
[ -n "$backup" ] && [ -d "$backup" ] || die "usage: $0 BACKUP_DIR [--skip-reindex]"
reindex=1
[ "${2:-}" = "--skip-reindex" ] && reindex=0
[ -n "${DATABASE_URL:-}" ] || die "DATABASE_URL is not set (e.g. postgres://govsites@127.0.0.1:5432/govsites)"
[ -n "${MEDIA_ROOT:-}" ] && [ -n "${PRIVATE_MEDIA_ROOT:-}" ] || die "MEDIA_ROOT and PRIVATE_MEDIA_ROOT must be set"
APP_DIR=${APP_DIR:-$(cd "$(dirname "$0")/.." && pwd)}
PYTHON=${PYTHON:-$APP_DIR/.venv/bin/python}
db_url=${DATABASE_URL/#postgresql+psycopg:/postgresql:}

echo "== restore: checksums"
(cd "$backup" && sha256sum --quiet --check SHA256SUMS) || die "checksum mismatch in $backup: the backup is damaged"

echo "== restore: the target must be empty"
tables=$(psql --dbname="$db_url" -tAc "select count(*) from pg_tables where schemaname = 'public'") \
  || die "cannot connect to the database in DATABASE_URL (create it first: createdb -O govsites govsites)"
[ "$tables" = 0 ] || die "the database already has $tables tables; restore only into an empty database"
for root in "$MEDIA_ROOT" "$PRIVATE_MEDIA_ROOT"; do
  mkdir -p "$root"
  [ -z "$(ls -A "$root")" ] || die "$root is not empty; restore only into empty media roots"
done

echo "== restore: database"
pg_restore --exit-on-error --no-owner --dbname="$db_url" "$backup/db.dump"
echo "== restore: media"
tar -C "$MEDIA_ROOT" -xzf "$backup/media.tar.gz"
tar -C "$PRIVATE_MEDIA_ROOT" -xzf "$backup/private.tar.gz"

echo "== restore: migrations (nothing may be left to apply)"
(cd "$APP_DIR" && "$PYTHON" manage.py migrate --check >/dev/null) \
  || die "the backup is from another release: run manage.py migrate --noinput after checking the upgrade notes"
if [ "$reindex" = 1 ]; then
  echo "== restore: search index"
  (cd "$APP_DIR" && "$PYTHON" manage.py search_reindex --no-progress)
fi
echo "== restore: done"
