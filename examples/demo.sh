#!/bin/sh
# Runs wt on a throw-away repository: two worktrees side by side, each with its own identity,
# env file (and database, port and URL where configured), then takes them down again.
# Usage: sh examples/demo.sh   (WT=path/to/wt to use another binary; KEEP=1 to keep the demo)
set -eu
WT=${WT:-wt}
demo=$(mktemp -d "${TMPDIR:-/tmp}/wt-demo.XXXXXX")
repo=$demo/shop
echo "demo repository: $repo"
mkdir -p "$repo" && cd "$repo"
git init -q -b main
git config user.email demo@example.com && git config user.name Demo
printf 'node_modules/\n.env.local\n' > .gitignore
printf 'SHARED_SECRET=s3cret\n' > .env.local
printf '.env.local\n' > .worktreeinclude
printf '# shop\n' > README.md
printf '[setup]\ncommands = ["echo \\"set-up command for $WT_BRANCH\\""]\n' > wt.toml
git add -A && git commit -qm "initial commit"

run() { echo; echo "\$ wt $*"; "$WT" "$@"; }
run trust --yes         # wt.toml's commands run only once you approved them (like direnv allow)
run up feat/oauth_v2
run up fix/cart-total
run list
echo; echo "\$ cat ../shop-oauth_v2/.env.development.local"
cat ../shop-oauth_v2/.env.development.local
run -C ../shop-oauth_v2 db status
run -C ../shop-cart_total env
if [ "${KEEP:-0}" != 1 ]; then
  run down feat/oauth_v2
  run down fix/cart-total
  run list
  run db server remove   # the embedded PostgreSQL of this throw-away repository, data and all
  run trust --revoke     # the approval of its commands
  rm -rf "$demo"
fi
