#!/bin/sh
# Applies the migrations/*.sql not applied yet to the database at D1_DATABASE_PATH, each in one
# transaction, recording it in d1_migrations: the table `wrangler d1 migrations apply` keeps, so
# wrangler and `wt db status` read the same history. (wrangler keeps its local file under a hashed
# name in .wrangler/state/v3; this script gives wt a fixed path to copy and drop.)
set -eu
db="${D1_DATABASE_PATH:?not set: run through wt (wt db migrate, or wt run -- sh scripts/d1-migrate.sh)}"
mkdir -p "$(dirname "$db")"
sqlite3 "$db" "CREATE TABLE IF NOT EXISTS d1_migrations (id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT UNIQUE, applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL);"
for f in migrations/*.sql; do
  [ -e "$f" ] || continue
  name=$(basename "$f")
  case "$name" in *[!A-Za-z0-9_.-]*) echo "skipping $name: unexpected characters" >&2; continue ;; esac
  [ "$(sqlite3 "$db" "SELECT count(*) FROM d1_migrations WHERE name = '$name';")" = 0 ] || continue
  { echo "BEGIN;"; cat "$f"; echo "INSERT INTO d1_migrations (name) VALUES ('$name');"; echo "COMMIT;"; } \
    | sqlite3 -bail "$db"
  echo "applied $name"
done
