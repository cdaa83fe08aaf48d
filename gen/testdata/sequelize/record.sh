#!/bin/sh
# Records what Sequelize 6 returns for queries.json on data.json with the
# fixture models (models/), into recorded.json. Needs Node and a
# PostgreSQL URL in STRATA_TEST_POSTGRES; installs its packages under
# /tmp/models-npm. Not run by the tests, which compare with recorded.json.
set -e
here=$(cd "$(dirname "$0")" && pwd)
npmdir=${MODELS_NPM_DIR:-/tmp/models-npm}
mkdir -p "$npmdir"
if [ ! -d "$npmdir/node_modules/sequelize-typescript" ]; then
  (cd "$npmdir" && npm init -y >/dev/null && npm install --no-audit --no-fund sequelize@6 pg sequelize-typescript@2 reflect-metadata typescript@5)
fi
NODE_PATH="$npmdir/node_modules" node "$here/record.js" "$here" > "$here/recorded.json.tmp"
mv "$here/recorded.json.tmp" "$here/recorded.json"
