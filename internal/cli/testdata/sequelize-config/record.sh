#!/usr/bin/env bash
# Records what sequelize-cli 6.6.5 does with each project in this folder:
# the config file it loaded, the environment it used, its exit status and
# the SQLite files it created (which say which block it read).
# TestConfigLikeSequelizeCLI runs strata on the same projects and compares.
# Needs Node and npm; installs into $NPM_DIR (a temporary folder unless
# given). Run: bash internal/cli/testdata/sequelize-config/record.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
npm_dir=${NPM_DIR:-$(mktemp -d)}
if [ ! -f "$npm_dir/node_modules/sequelize-cli/lib/sequelize" ]; then
  npm install --prefix "$npm_dir" --no-audit --no-fund \
    sequelize-cli@6.6.5 sequelize@6.37.8 sqlite3@5.1.7 dotenv@16.4.5
  npm rebuild --prefix "$npm_dir" sqlite3
fi
for fx in "$here"/*/; do
  name=$(basename "$fx")
  work=$(mktemp -d)
  cp -r "$fx". "$work/"
  ln -s "$npm_dir/node_modules" "$work/node_modules"
  args=()
  envs=()
  while IFS= read -r line || [ -n "$line" ]; do
    case "$line" in
      ARGS=*) read -ra args <<< "${line#ARGS=}" ;;
      ?*) envs+=("$line") ;;
    esac
  done < "$fx/run.env"
  set +e
  (cd "$work" && env -u NODE_ENV -u DATABASE_URL "${envs[@]}" \
    node "$npm_dir/node_modules/sequelize-cli/lib/sequelize" db:migrate "${args[@]}") > "$work/out.txt" 2>&1
  code=$?
  set -e
  {
    grep -E '^(Loaded configuration file|Using environment)' "$work/out.txt" || true
    echo "exit $code"
    (cd "$work" && find . -name '*.sqlite3' -not -path './node_modules/*' | sort | sed 's|^\./|database |')
  } > "$here/$name.recorded.txt"
  rm -rf "$work"
done
