'use strict';
// See record.sh. Loads the fixture models as a Sequelize 6 application
// would (the .ts files through TypeScript with decorators), fills a fresh
// database with data.json and prints each query of queries.json, projected.
require('reflect-metadata');
const fs = require('fs');
const os = require('os');
const path = require('path');
const ts = require('typescript');
const { Sequelize } = require('sequelize-typescript');
const { DataTypes } = require('sequelize');

const dir = process.argv[2];
const modelsDir = path.join(dir, 'models');
const out = fs.mkdtempSync(path.join(os.tmpdir(), 'models-record-'));

async function main() {
  const admin = new Sequelize(process.env.STRATA_TEST_POSTGRES, { logging: false });
  await admin.query('DROP DATABASE IF EXISTS models_record');
  await admin.query('CREATE DATABASE models_record');
  await admin.close();
  const url = new URL(process.env.STRATA_TEST_POSTGRES);
  url.pathname = '/models_record';
  const sequelize = new Sequelize(url.toString(), { logging: false });

  const db = {};
  const classes = [];
  for (const f of fs.readdirSync(modelsDir)) {
    if (!f.endsWith('.ts')) continue;
    const src = fs.readFileSync(path.join(modelsDir, f), 'utf8');
    const js = ts.transpileModule(src, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020, experimentalDecorators: true, emitDecoratorMetadata: true } }).outputText;
    fs.writeFileSync(path.join(out, f.replace(/\.ts$/, '.js')), js);
  }
  for (const f of fs.readdirSync(out)) {
    const m = require(path.join(out, f));
    for (const k of Object.keys(m)) classes.push(m[k]);
  }
  sequelize.addModels(classes);
  for (const c of classes) db[c.name] = c;
  for (const f of fs.readdirSync(modelsDir).sort()) {
    if (f === 'index.js' || !f.endsWith('.js')) continue;
    const model = require(path.join(modelsDir, f))(sequelize, DataTypes);
    db[model.name] = model;
  }
  for (const name of Object.keys(db)) {
    if (db[name].associate) db[name].associate(db);
  }
  await sequelize.sync({ force: true });

  const data = JSON.parse(fs.readFileSync(path.join(dir, 'data.json'), 'utf8'));
  const tables = { users: 'User', profiles: 'Profile', products: 'Product', orders: 'Order', order_items: 'OrderItem', reviews: 'Review', tags: 'Tag', product_tags: 'ProductTag' };
  for (const [t, name] of Object.entries(tables)) {
    const rows = data[t].map((r) => {
      const x = Object.assign({}, r);
      if (x.deleted) { x.deletedAt = new Date('2026-01-01T00:00:00Z'); }
      delete x.deleted;
      return x;
    });
    await db[name].bulkCreate(rows, { hooks: false });
  }

  const queries = JSON.parse(fs.readFileSync(path.join(dir, 'queries.json'), 'utf8'));
  const result = {};
  const tree = (list) => (list || []).map((i) => ({ association: i.as, include: tree(i.include) }));
  for (const q of queries) {
    const rows = await db[q.model].findAll({ include: tree(q.include), order: [['id', 'ASC']] });
    result[q.name] = project(rows.map((r) => r.toJSON()), new Set(q.keep));
  }
  await sequelize.close();
  process.stdout.write(JSON.stringify(result, null, 2) + '\n');
}

// project keeps the keys of keep, drops nulls and sorts arrays by id: the
// form the Go test puts strata's rows in too.
function project(v, keep) {
  if (Array.isArray(v)) {
    const a = v.map((x) => project(x, keep));
    return a.sort((x, y) => (x && y && x.id !== undefined ? x.id - y.id : 0));
  }
  if (v && typeof v === 'object' && !(v instanceof Date)) {
    const o = {};
    for (const k of Object.keys(v).sort()) {
      if (!keep.has(k) || v[k] === null || v[k] === undefined) continue;
      o[k] = project(v[k], keep);
    }
    return o;
  }
  return v;
}

main().catch((e) => { console.error(e); process.exit(1); });
