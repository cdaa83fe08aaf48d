#!/bin/sh
# Runs testdata/history's and testdata/methods' JavaScript migrations with
# the real sequelize-cli 6.6.5 on scratch PostgreSQL and MariaDB databases
# and records their catalogs into <history>.<dialect>.json. Needs Node and
# npm; run from the sequelizejs folder: sh testdata/sequelize/record.sh
set -eu
here=$(pwd)
work=$(mktemp -d /tmp/recorder-npm-XXXX)
cd "$work"
npm init -y >/dev/null
npm install --silent sequelize@6.37 sequelize-cli@6.6.5 pg mysql2 lodash uuid >/dev/null
spec=""
for h in history methods; do
  rm -rf migrations && mkdir -p migrations config
  (cd "$here/testdata/$h" && tar cf - --exclude='*.ts' .) | (cd migrations && tar xf -)
  cat > config/config.json <<JSON
{
  "pg": {"username": "postgres", "database": "recorder_${h}_pg", "host": "127.0.0.1", "dialect": "postgres", "logging": false},
  "my": {"username": "root", "database": "recorder_${h}_my", "host": "127.0.0.1", "dialect": "mysql", "logging": false}
}
JSON
  psql "postgres://postgres@127.0.0.1:5432/postgres" -qc "DROP DATABASE IF EXISTS recorder_${h}_pg" -c "CREATE DATABASE recorder_${h}_pg"
  mysql -h127.0.0.1 -uroot -e "DROP DATABASE IF EXISTS recorder_${h}_my; CREATE DATABASE recorder_${h}_my CHARACTER SET utf8mb4"
  npx sequelize-cli db:migrate --env pg
  npx sequelize-cli db:migrate --env my
  spec="$spec${spec:+,}$h.postgres=postgres://postgres@127.0.0.1:5432/recorder_${h}_pg?sslmode=disable,$h.mysql=mysql://root@127.0.0.1:3306/recorder_${h}_my"
done
cd "$here"
STRATA_SEQUELIZE_RECORD="$spec" go test -run TestRecordSequelizeCatalog -count=1 .
for h in history methods; do
  psql "postgres://postgres@127.0.0.1:5432/postgres" -qc "DROP DATABASE recorder_${h}_pg"
  mysql -h127.0.0.1 -uroot -e "DROP DATABASE recorder_${h}_my"
done
rm -rf "$work"
