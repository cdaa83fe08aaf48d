'use strict';

// Only the hosted service keeps an audit log; self-hosted installs skip it.
const hosted = process.env.DEPLOYMENT === 'hosted';

module.exports = {
  async up(queryInterface, Sequelize) {
    if (!hosted) {
      return;
    }
    await queryInterface.createTable('audit_logs', {
      id: { type: Sequelize.BIGINT, primaryKey: true, autoIncrement: true },
      action: { type: Sequelize.STRING(64), allowNull: false },
      userId: { type: Sequelize.INTEGER, allowNull: true },
      payload: { type: Sequelize.TEXT, allowNull: true },
      createdAt: { type: Sequelize.DATE, allowNull: false },
    });
  },

  async down(queryInterface) {
    if (!hosted) {
      return;
    }
    await queryInterface.dropTable('audit_logs');
  },
};
