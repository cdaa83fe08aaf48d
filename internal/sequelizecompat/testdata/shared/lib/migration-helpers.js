'use strict';

// Shared column definitions for the migrations, so every table gets the same
// timestamp columns and id.

function id(Sequelize) {
  return {
    type: Sequelize.INTEGER,
    allowNull: false,
    autoIncrement: true,
    primaryKey: true,
  };
}

function timestamps(Sequelize, { paranoid = false } = {}) {
  const cols = {
    createdAt: { type: Sequelize.DATE, allowNull: false },
    updatedAt: { type: Sequelize.DATE, allowNull: false },
  };
  if (paranoid) {
    cols.deletedAt = { type: Sequelize.DATE, allowNull: true };
  }
  return cols;
}

async function addColumnIfMissing(queryInterface, table, column, definition) {
  const description = await queryInterface.describeTable(table);
  if (description[column]) {
    return false;
  }
  await queryInterface.addColumn(table, column, definition);
  return true;
}

module.exports = { id, timestamps, addColumnIfMissing };
