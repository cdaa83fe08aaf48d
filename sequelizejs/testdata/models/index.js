'use strict';
const fs = require('fs');
const path = require('path');
const db = {};
fs.readdirSync(__dirname).forEach((file) => { db[path.basename(file, '.js')] = require(path.join(__dirname, file)); });
module.exports = db;
