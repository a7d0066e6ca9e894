#!/usr/bin/env bash
# Back up the website group: the PostgreSQL database (pg_dump custom format) and the two media roots (editors'
# published files in MEDIA_ROOT; citizens' private attachments in PRIVATE_MEDIA_ROOT). docs/deployment.md "Backup".
#
#   deploy/backup.sh [DEST_DIR]          # default: $BACKUP_DIR or /srv/govsites/backup
#
# Reads DATABASE_URL, MEDIA_ROOT and PRIVATE_MEDIA_ROOT from the environment (as the systemd units do:
# `set -a; . /etc/govsites/govsites.env; set +a` first). Writes DEST_DIR/govsites-YYYYmmdd-HHMMSS/ with
#   db.dump              pg_dump --format=custom (restore with deploy/restore.sh, or pg_restore)
#   media.tar.gz         MEDIA_ROOT
#   private.tar.gz       PRIVATE_MEDIA_ROOT (personal data: keep backups as protected as the server)
#   SHA256SUMS           checked by restore.sh before it touches anything
# The database is dumped first, then the files: a file uploaded in between is in the tarball but not in the
# database (harmless); Wagtail never deletes an original that a row still names, so every row finds its file.
# Exits non-zero on any failure; prints the backup directory on success.
set -euo pipefail
umask 077

die() { echo "backup: $*" >&2; exit 1; }
[ -n "${DATABASE_URL:-}" ] || die "DATABASE_URL is not set (e.g. postgres://govsites@127.0.0.1:5432/govsites)"
[[ "$DATABASE_URL" == postgres* ]] || die "DATABASE_URL must be a PostgreSQL URL; this script backs up PostgreSQL only"
[ -d "${MEDIA_ROOT:-}" ] || die "MEDIA_ROOT is not a directory: '${MEDIA_ROOT:-}'"
[ -d "${PRIVATE_MEDIA_ROOT:-}" ] || die "PRIVATE_MEDIA_ROOT is not a directory: '${PRIVATE_MEDIA_ROOT:-}'"
command -v pg_dump >/dev/null || die "pg_dump not found (apt-get install postgresql-client)"

dest_root=${1:-${BACKUP_DIR:-/srv/govsites/backup}}
stamp=$(date +%Y%m%d-%H%M%S)
dest="$dest_root/govsites-$stamp"
mkdir -p "$dest_root"
[ ! -e "$dest" ] || die "$dest already exists"
work="$dest.partial"
rm -rf "$work"
mkdir -p "$work"
trap 'rm -rf "$work"' ERR

# dj-database-url style URLs work as libpq connection strings, except the "postgresql+psycopg" style schemes.
db_url=${DATABASE_URL/#postgresql+psycopg:/postgresql:}
pg_dump --format=custom --compress=6 --file="$work/db.dump" --dbname="$db_url"
tar -C "$MEDIA_ROOT" -czf "$work/media.tar.gz" .
tar -C "$PRIVATE_MEDIA_ROOT" -czf "$work/private.tar.gz" .
(cd "$work" && sha256sum db.dump media.tar.gz private.tar.gz >SHA256SUMS)
mv "$work" "$dest"
trap - ERR
echo "$dest"
