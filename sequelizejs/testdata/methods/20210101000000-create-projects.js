'use strict';

module.exports = {
  up: async (queryInterface, Sequelize) => {
    await queryInterface.createTable('Orgs', {
      id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true },
      name: { type: Sequelize.STRING(100), allowNull: false },
    });
    await queryInterface.createTable('Projects', {
      id: { type: Sequelize.BIGINT, primaryKey: true, autoIncrement: true },
      orgId: { type: Sequelize.INTEGER, allowNull: false, references: { model: 'Orgs', key: 'id' }, onDelete: 'CASCADE' },
      parentOrgId: { type: Sequelize.INTEGER, references: { model: { tableName: 'Orgs' }, key: 'id' } },
      code: { type: Sequelize.STRING(20), unique: true },
      title: { type: Sequelize.STRING, allowNull: false, defaultValue: 'untitled' },
      body: { type: Sequelize.TEXT },
      budget: { type: Sequelize.DECIMAL(12, 2), defaultValue: 0 },
      ratio: { type: Sequelize.FLOAT },
      meta: { type: Sequelize.JSON },
      startsOn: { type: Sequelize.DATEONLY },
      archived: { type: Sequelize.BOOLEAN, allowNull: false, defaultValue: false },
      createdAt: { type: Sequelize.DATE, allowNull: false, defaultValue: Sequelize.literal('CURRENT_TIMESTAMP') },
      updatedAt: { type: Sequelize.DATE, allowNull: false },
    }, { comment: 'projects of an org' });
  },
  down: async (queryInterface) => {
    await queryInterface.dropTable('Projects');
    await queryInterface.dropTable('Orgs');
  },
};
