'use strict';

// Defaults as Sequelize writes them: DATE without precision, DEFAULT NULL,
// FLOAT defaults (quoted on PostgreSQL), BOOLEAN on SQLite, ARRAY [].
module.exports = {
  async up(queryInterface, Sequelize) {
    const pg = queryInterface.sequelize.getDialect() === 'postgres';
    const columns = {
      id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true, allowNull: false },
      title: { type: Sequelize.STRING, allowNull: false },
      email: { type: Sequelize.STRING, allowNull: true, defaultValue: null },
      ratio: { type: Sequelize.FLOAT, allowNull: false, defaultValue: 0 },
      score: { type: Sequelize.DOUBLE, defaultValue: '1.5' },
      active: { type: Sequelize.BOOLEAN, allowNull: false, defaultValue: false },
      archivedAt: { type: Sequelize.DATE },
      seenAt: { type: Sequelize.DATE(6) },
      createdAt: { type: Sequelize.DATE, allowNull: false },
      updatedAt: { type: Sequelize.DATE, allowNull: false },
    };
    if (pg) {
      columns.tags = { type: Sequelize.ARRAY(Sequelize.STRING), allowNull: false, defaultValue: [] };
      columns.codes = { type: Sequelize.ARRAY(Sequelize.INTEGER), defaultValue: [1, 2] };
    }
    await queryInterface.createTable('Items', columns);
  },

  async down(queryInterface) {
    await queryInterface.dropTable('Items');
  },
};
