'use strict';
// The loader every sequelize-cli project has: strata does not run it
// (it reads this directory with fs); model:import loads each file itself.
const fs = require('fs');
const path = require('path');
const Sequelize = require('sequelize');
const sequelize = new Sequelize(process.env.DATABASE_URL);
const db = {};
for (const file of fs.readdirSync(__dirname)) {
  if (file === 'index.js' || !file.endsWith('.js')) continue;
  const model = require(path.join(__dirname, file))(sequelize, Sequelize.DataTypes);
  db[model.name] = model;
}
for (const name of Object.keys(db)) {
  if (db[name].associate) db[name].associate(db);
}
db.sequelize = sequelize;
module.exports = db;
