'use strict';
const { execSync } = require('child_process');

module.exports = {
  async up() {
    execSync('node scripts/export-users.js > users.csv');
  },

  async down() {},
};
