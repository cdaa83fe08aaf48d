'use strict';
// Reads a file as it loads: cannot be recorded.
const fs = require('fs');
module.exports = (sequelize, DataTypes) => sequelize.define('Legacy', { body: DataTypes.TEXT, raw: { type: DataTypes.TEXT, defaultValue: fs.readFileSync('x') } });
