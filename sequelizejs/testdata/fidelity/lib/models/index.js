'use strict';
// The app's models: loading them reads the folder.
const fs = require('fs');
const path = require('path');
const db = {};
fs.readdirSync(__dirname).forEach((f) => { db[path.basename(f, '.js')] = f; });
module.exports = db;
