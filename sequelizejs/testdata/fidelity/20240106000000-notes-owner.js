'use strict';

// changeColumn as Sequelize does it: on PostgreSQL a definition with
// references only adds the foreign key; on SQLite the new options are
// merged into the column's.
module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('Owners', {
      id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true },
    });
    await queryInterface.createTable('Notes', {
      id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true },
      ownerId: { type: Sequelize.INTEGER, allowNull: false },
      permission: { type: Sequelize.TEXT, allowNull: false, defaultValue: 'private' },
    });
    await queryInterface.changeColumn('Notes', 'ownerId', {
      type: Sequelize.INTEGER,
      references: { model: 'Owners', key: 'id' },
      onDelete: 'CASCADE',
    });
    if (queryInterface.sequelize.getDialect() === 'sqlite') {
      await queryInterface.changeColumn('Notes', 'permission', { type: Sequelize.TEXT });
    }
  },
  async down(queryInterface) {
    await queryInterface.dropTable('Notes');
    await queryInterface.dropTable('Owners');
  },
};
