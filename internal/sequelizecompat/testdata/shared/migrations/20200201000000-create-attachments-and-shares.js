'use strict';

module.exports = {
  async up(queryInterface, Sequelize) {
    if (!(await queryInterface.tableExists('attachments'))) {
      await queryInterface.createTable('attachments', {
        id: { type: Sequelize.UUID, allowNull: false, primaryKey: true },
        key: { type: Sequelize.STRING(4096), allowNull: false },
        contentType: { type: Sequelize.STRING(255), allowNull: false },
        size: { type: Sequelize.BIGINT, allowNull: false },
        documentId: {
          type: Sequelize.UUID,
          allowNull: true,
          references: { model: 'documents', key: 'id' },
          onDelete: 'SET NULL',
        },
        createdAt: { type: Sequelize.DATE, allowNull: false },
        updatedAt: { type: Sequelize.DATE, allowNull: false },
      });
    }

    const tables = await queryInterface.showAllTables();
    if (!tables.includes('shares')) {
      await queryInterface.createTable('shares', {
        id: { type: Sequelize.UUID, allowNull: false, primaryKey: true },
        documentId: {
          type: Sequelize.UUID,
          allowNull: false,
          references: { model: 'documents', key: 'id' },
          onDelete: 'CASCADE',
        },
        userId: {
          type: Sequelize.INTEGER,
          allowNull: false,
          references: { model: 'users', key: 'id' },
        },
        token: { type: Sequelize.STRING(64), allowNull: true },
        published: { type: Sequelize.BOOLEAN, allowNull: false, defaultValue: false },
        revokedAt: { type: Sequelize.DATE, allowNull: true },
        createdAt: { type: Sequelize.DATE, allowNull: false },
        updatedAt: { type: Sequelize.DATE, allowNull: false },
      });
    }

    const indexes = await queryInterface.showIndex('attachments');
    if (!indexes.some((index) => index.name === 'attachments_document_id')) {
      await queryInterface.addIndex('attachments', ['documentId']);
    }
  },

  async down(queryInterface) {
    await queryInterface.dropTable('shares');
    await queryInterface.dropTable('attachments');
  },
};
