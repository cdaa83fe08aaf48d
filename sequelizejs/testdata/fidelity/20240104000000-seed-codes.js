'use strict';
const crypto = require('crypto');
const { customAlphabet, nanoid } = require('nanoid');

const code = customAlphabet('ABCDEFGHJKLMNPQRSTUVWXYZ23456789', 8);

// Sequelize v4 style chains, timers, ids, and a check of the history.
module.exports = {
  up: (queryInterface, Sequelize) => {
    console.time('codes');
    const started = performance.now();
    const meta = queryInterface.quoteIdentifier('SequelizeMeta');
    return queryInterface.sequelize
      .query(`SELECT name FROM ${meta} WHERE name = :name`, { replacements: { name: '20240101000000-create-items.js' } })
      .spread((rows, result) => {
        if (rows.length !== 1 || result.rowCount !== 1) throw new Error('the history so far is not seen');
      })
      .then(() => queryInterface.createTable('Codes', {
        id: { type: Sequelize.STRING(36), primaryKey: true },
        code: { type: Sequelize.STRING(21), allowNull: false },
      }))
      .tap(() => console.log('created'))
      .then(() => queryInterface.bulkInsert('Codes', [
        { id: crypto.randomUUID(), code: code() },
        { id: crypto.randomUUID(), code: nanoid() },
      ]))
      .return('done')
      .then(() => console.timeEnd('codes', performance.now() - started));
  },
  down: (queryInterface) => queryInterface.dropTable('Codes'),
};
