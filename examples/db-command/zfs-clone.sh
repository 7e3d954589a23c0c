#!/bin/sh
# A PostgreSQL per worktree from a ZFS snapshot of a stopped (or checkpointed) data directory,
# in the style of hand-written worktree scripts. wt.toml:
#   [postgres]
#   mode = "command"
#   create = "sh scripts/zfs-clone.sh create"
#   drop   = "sh scripts/zfs-clone.sh drop"
#   list   = "sh scripts/zfs-clone.sh list"
# Needs: zfs rights (zfs allow), pg_ctl on PATH, a snapshot $POOL/pg@golden of a data directory.
# The port is the worktree's second port (ports.count = 2): WT_PORT_1.
set -eu
POOL=${WT_ZFS_POOL:-tank/dev}
case "$1" in
  create)
    zfs clone "$POOL/pg@golden" "$POOL/wt-$WT_DB_NAME" >&2
    dir=$(zfs get -H -o value mountpoint "$POOL/wt-$WT_DB_NAME")
    rm -f "$dir/postmaster.pid"
    pg_ctl -D "$dir" -o "-p $WT_PORT_1 -c listen_addresses=127.0.0.1" -l "$dir/server.log" -w start >&2
    echo "postgresql://postgres@127.0.0.1:$WT_PORT_1/postgres"
    ;;
  drop)
    if zfs list "$POOL/wt-$WT_DB_NAME" >/dev/null 2>&1; then
      dir=$(zfs get -H -o value mountpoint "$POOL/wt-$WT_DB_NAME")
      pg_ctl -D "$dir" -m fast -w stop >&2 || true
      zfs destroy "$POOL/wt-$WT_DB_NAME" >&2
    fi
    ;;
  list)
    zfs list -H -o name -r "$POOL" | sed -n "s|^$POOL/wt-||p"
    ;;
  *)
    echo "usage: zfs-clone.sh create|drop|list" >&2
    exit 2
    ;;
esac
