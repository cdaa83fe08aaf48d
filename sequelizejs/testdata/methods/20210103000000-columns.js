'use strict';

module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('Projects', 'ownerOrgId', {
      type: Sequelize.INTEGER,
      references: { model: 'Orgs', key: 'id' },
      onUpdate: 'CASCADE',
      onDelete: 'SET NULL',
    });
    await queryInterface.addColumn('Projects', 'slug', { type: Sequelize.STRING(60), unique: true });
    await queryInterface.changeColumn('Projects', 'title', { type: Sequelize.STRING(200), allowNull: false, defaultValue: 'untitled' });
    await queryInterface.renameColumn('Projects', 'body', 'description');
    await queryInterface.addColumn('Projects', 'status', { type: Sequelize.ENUM('draft', 'live'), allowNull: false, defaultValue: 'draft' });
    await queryInterface.changeColumn('Projects', 'status', { type: Sequelize.ENUM('draft', 'live', 'archived'), allowNull: false, defaultValue: 'draft' });
    const tables = await queryInterface.showAllTables();
    if (!tables.includes('Labels')) {
      await queryInterface.createTable('Labels', {
        id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true },
        projectId: { type: Sequelize.BIGINT, references: { model: 'Projects', key: 'id' }, onDelete: 'cascade' },
        name: { type: Sequelize.STRING(30), allowNull: false },
      });
    }
  },
  async down(queryInterface) {
    await queryInterface.dropTable('Labels');
    await queryInterface.removeColumn('Projects', 'status');
    await queryInterface.renameColumn('Projects', 'description', 'body');
    await queryInterface.changeColumn('Projects', 'title', { type: queryInterface.sequelize.Sequelize.STRING, allowNull: false, defaultValue: 'untitled' });
    await queryInterface.removeColumn('Projects', 'slug');
    await queryInterface.removeColumn('Projects', 'ownerOrgId');
  },
};
