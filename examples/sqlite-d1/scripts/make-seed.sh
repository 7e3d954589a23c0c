#!/bin/sh
# Builds seed/d1.sqlite in the main worktree: every migration plus seed/data.sql. wt copies it
# into each new worktree (databases.d1.source_file). Run again after adding migrations or data.
set -eu
cd "$(dirname "$0")/.."
rm -f seed/d1.sqlite
D1_DATABASE_PATH="$PWD/seed/d1.sqlite" sh scripts/d1-migrate.sh
sqlite3 -bail seed/d1.sqlite < seed/data.sql
echo "seed/d1.sqlite: $(sqlite3 seed/d1.sqlite 'SELECT count(*) FROM products') products"
