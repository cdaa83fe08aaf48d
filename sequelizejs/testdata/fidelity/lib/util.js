'use strict';
// A helper whose module pulls packages the recorder refuses, though the
// function the migrations call needs none of them.
const fs = require('fs');
const { execSync } = require('child_process');
const bodyParser = require('body-parser');

// Called at load: what a refused package's function gives stands in too.
const urlencoded = bodyParser.urlencoded({ extended: false });

module.exports = {
  isSQLite: (sequelize) => sequelize.options.dialect === 'sqlite',
  readConfig: (p) => JSON.parse(fs.readFileSync(p, 'utf8')),
  build: () => execSync('make'),
  urlencoded,
};
