'use strict';
const Promise = require('bluebird');

module.exports = {
  up: async (queryInterface, Sequelize) => {
    try {
      await queryInterface.describeTable('Widgets');
    } catch (e) {
      await queryInterface.createTable('Widgets', {
        id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true },
        kind: { type: Sequelize.ENUM, values: ['a', 'b'], allowNull: false, defaultValue: 'a' },
        code: { type: Sequelize.STRING(10), unique: 'widget_code' },
        price: { type: Sequelize.DECIMAL },
        count: { type: Sequelize.INTEGER.UNSIGNED, defaultValue: 0 },
      }, {
        uniqueKeys: { kind_code: { fields: ['kind', 'code'], customIndex: false } },
        charset: 'utf8mb4',
        collate: 'utf8mb4_unicode_ci',
        engine: 'MyISAM',
      });
    }
    if (await queryInterface.tableExists('Widgets')) {
      await Promise.each(['Gadgets', 'Gizmos'], (name) => queryInterface.createTable(name, {
        id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true },
        widgetId: { type: Sequelize.INTEGER, references: { model: 'Widgets', key: 'id' } },
      }));
    }
    const refs = await queryInterface.getForeignKeyReferencesForTable('Gadgets');
    const indexes = await queryInterface.showIndex('Widgets');
    if (refs.length === 1 && indexes.some((i) => i.primary)) {
      await queryInterface.addIndex('Gadgets', ['widgetId'], { name: `${refs[0].constraintName}_idx` });
    }
    if (queryInterface.sequelize.getDialect() === 'mariadb') {
      await queryInterface.addColumn('Widgets', 'maria', Sequelize.BOOLEAN);
    }
  },
  down: (queryInterface) => queryInterface.dropAllTables(),
};
