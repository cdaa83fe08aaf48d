'use strict';
// The app's models: loading them reads the folder.
const fs = require('fs');
const path = require('path');
const Sequelize = require('sequelize');

// The models open a connection of their own.
const sequelize = new Sequelize('app', null, null, { dialect: 'sqlite' });
const db = {};
fs.readdirSync(__dirname).forEach((f) => { db[path.basename(f, '.js')] = f; });
db.sequelize = sequelize;
module.exports = db;
