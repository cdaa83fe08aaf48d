#!/usr/bin/env bash
# record-sequelize-cli.sh runs each fixture history under testdata/ with the
# real sequelize-cli 6.6.5 on each of its dialects, each time in a fresh
# scratch database, and records what it made in
# testdata/<history>/recorded/<dialect>/:
#
#   migrate.json  after db:migrate: the catalog as strata reads it, the rows
#                 of SequelizeMeta, the command's exit status
#   undo.json     the same after db:migrate:undo:all
#   *.txt         what each command printed (timings and paths stripped)
#
# and testdata/versions.json (the packages, Node and servers it ran with).
#
# Usage:
#   internal/sequelizecompat/record-sequelize-cli.sh [history ...]
#   internal/sequelizecompat/record-sequelize-cli.sh --install   # only install, print the CLI's path
#
# The npm packages go into a cache directory, never into the repository:
# $STRATA_SEQUELIZE_CACHE, else ~/.cache/strata/sequelize-cli-6.6.5.
# STRATA_SEQUELIZE_SQLITE=0 leaves the SQLite driver out (it builds from
# source when no prebuilt binary downloads, about two minutes); then SQLite
# is not recorded. The servers: PostgreSQL on 127.0.0.1:5432 (user
# postgres), MariaDB/MySQL on 127.0.0.1:3306 (root, no password), as .ci/run
# starts them; psql and mariadb (or mysql) clients make the scratch databases.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
testdata=$here/testdata
cache=${STRATA_SEQUELIZE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/strata/sequelize-cli-6.6.5}
with_sqlite=${STRATA_SEQUELIZE_SQLITE:-1}

# The versions recorded. sequelize-cli is the one issue 17 names; the rest
# are the newest of their major line when the recording was made.
packages=(sequelize-cli@6.6.5 sequelize@6.37.8 pg@8.23.1 mysql2@3.24.6 esbuild-register@3.6.0 esbuild@0.28.2)
sqlite_package=sqlite3@6.0.1

# The environment the histories run in (20191215000000-create-audit-logs.js
# reads DEPLOYMENT); the Go tests record with the same.
export NODE_ENV=development DEPLOYMENT=hosted

log() { printf '== %s\n' "$*" >&2; }

install() {
  local want=("${packages[@]}")
  [ "$with_sqlite" = 1 ] && want+=("$sqlite_package")
  local stamp=$cache/.installed
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "${want[*]}" ]; then
    return
  fi
  log "installing ${want[*]} into $cache"
  mkdir -p "$cache"
  printf '{"name":"strata-sequelize-cli-recorder","private":true}\n' >"$cache/package.json"
  # --foreground-scripts: sqlite3 downloads or builds its native module in
  # an install script, which must run.
  (cd "$cache" && npm install --no-audit --no-fund --no-save --foreground-scripts --ignore-scripts=false "${want[@]}" >&2)
  printf '%s' "${want[*]}" >"$stamp"
}

cli=$cache/node_modules/sequelize-cli/lib/sequelize
export NODE_PATH=$cache/node_modules

if [ "${1:-}" = "--install" ]; then
  install
  echo "$cli"
  exit 0
fi

mysql_client() { if command -v mariadb >/dev/null; then mariadb "$@"; else mysql "$@"; fi; }

# scratch <dialect> <name>: a fresh empty database; prints the Node URL and
# the Go URL, tab-separated.
scratch() {
  local d=$1 name=$2
  case $d in
  postgres)
    psql -q -h 127.0.0.1 -U postgres -d postgres -c "DROP DATABASE IF EXISTS \"$name\"" -c "CREATE DATABASE \"$name\"" >/dev/null
    printf 'postgres://postgres@127.0.0.1:5432/%s\tpostgres://postgres@127.0.0.1:5432/%s?sslmode=disable\n' "$name" "$name" ;;
  mysql)
    mysql_client --protocol=tcp -h 127.0.0.1 -P 3306 -uroot -e "DROP DATABASE IF EXISTS \`$name\`; CREATE DATABASE \`$name\`"
    printf 'mysql://root@127.0.0.1:3306/%s\tmysql://root@127.0.0.1:3306/%s\n' "$name" "$name" ;;
  sqlite)
    local file=$work/$name.db
    rm -f "$file"
    printf 'sqlite://%s\tsqlite:%s\n' "$file" "$file" ;;
  esac
}

drop() {
  local d=$1 name=$2
  case $d in
  postgres) psql -q -h 127.0.0.1 -U postgres -d postgres -c "DROP DATABASE IF EXISTS \"$name\"" >/dev/null ;;
  mysql) mysql_client --protocol=tcp -h 127.0.0.1 -P 3306 -uroot -e "DROP DATABASE IF EXISTS \`$name\`" ;;
  esac
}

# dialects <history>: the dialects a history runs on.
dialects() {
  case $1 in
  postgres) echo postgres ;;
  mysql) echo mysql ;;
  *) if [ "$with_sqlite" = 1 ]; then echo postgres mysql sqlite; else echo postgres mysql; fi ;;
  esac
}

# cli_run <out.txt> <command…>: runs sequelize-cli in the history's
# directory, writes its output (normalized) and returns its exit status.
cli_run() {
  local out=$1
  shift
  local rc=0
  node "$cli" "$@" >"$work/out.txt" 2>&1 || rc=$?
  # Timings vary from run to run, paths from machine to machine.
  sed -E -e 's/\([0-9]+\.[0-9]+s\)/(…s)/' -e "s#$repo#<repo>#g" -e "s#$work#<work>#g" "$work/out.txt" >"$out"
  printf 'exit status %d\n' "$rc" >>"$out"
  return "$rc"
}

dump() {
  local url=$1 command=$2 rc=$3 out=$4
  "$work/dumpcatalog" -url "$url" -command "$command" -exit "$rc" -out "$out"
}

record() {
  local history=$1 d=$2
  local dir=$testdata/$history rec=$testdata/$history/recorded/$d
  local name=strata_seqrec_${history}_$$
  local urls node_url go_url rc
  urls=$(scratch "$d" "$name")
  node_url=${urls%%$'\t'*}
  go_url=${urls#*$'\t'}
  rm -rf "$rec"
  mkdir -p "$rec"
  log "$history on $d"
  (
    cd "$dir"
    export DATABASE_URL=$node_url
    rc=0
    cli_run "$rec/migrate.txt" db:migrate || rc=$?
    dump "$go_url" "db:migrate" "$rc" "$rec/migrate.json"
    if [ -d seeders ]; then
      # Seeders change rows, not the schema: what they printed is recorded.
      cli_run "$rec/seed.txt" db:seed:all || true
      cli_run "$rec/seed-undo.txt" db:seed:undo:all || true
    fi
    rc=0
    cli_run "$rec/undo.txt" db:migrate:undo:all || rc=$?
    dump "$go_url" "db:migrate:undo:all" "$rc" "$rec/undo.json"
  )
  drop "$d" "$name"
}

versions() {

  v() { node -p "JSON.parse(require('fs').readFileSync('$cache/node_modules/$1/package.json','utf8')).version"; }
  {
    printf '{\n'
    printf '  "node": "%s",\n' "$(node --version)"
    for p in sequelize-cli sequelize pg mysql2 esbuild-register esbuild; do
      printf '  "%s": "%s",\n' "$p" "$(v "$p")"
    done
    if [ "$with_sqlite" = 1 ]; then
      printf '  "sqlite3": "%s",\n' "$(v sqlite3)"
      printf '  "sqlite": "%s",\n' "$(cd "$cache" && node -e 'const s=require("sqlite3");new s.Database(":memory:").get("select sqlite_version() v",(e,r)=>console.log(r.v))')"
    fi
    printf '  "postgres": "%s",\n' "$(psql -h 127.0.0.1 -U postgres -d postgres -Atc 'SHOW server_version')"
    printf '  "mysql": "%s"\n' "$(mysql_client --protocol=tcp -h 127.0.0.1 -P 3306 -uroot -Nse 'SELECT VERSION()')"
    printf '}\n'
  } >"$testdata/versions.json"
}

install
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$repo" && go build -o "$work/dumpcatalog" ./internal/sequelizecompat/dumpcatalog)

histories=("$@")
if [ ${#histories[@]} = 0 ]; then
  for h in "$testdata"/*/migrations; do
    h=${h%/migrations}
    histories+=("${h##*/}")
  done
fi
for h in "${histories[@]}"; do
  for d in $(dialects "$h"); do
    record "$h" "$d"
  done
done
versions
log "recorded in $testdata"
