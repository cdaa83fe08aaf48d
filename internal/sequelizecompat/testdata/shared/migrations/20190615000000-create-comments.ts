import { QueryInterface, DataTypes } from 'sequelize';

type Sequelize = typeof DataTypes;

export default {
  async up(queryInterface: QueryInterface, Sequelize: Sequelize): Promise<void> {
    await queryInterface.createTable('comments', {
      id: {
        type: Sequelize.UUID,
        allowNull: false,
        primaryKey: true,
      },
      data: {
        type: Sequelize.TEXT,
        allowNull: false,
      },
      documentId: {
        type: Sequelize.UUID,
        allowNull: false,
        references: { model: 'documents', key: 'id' },
        onDelete: 'CASCADE',
      },
      parentCommentId: {
        type: Sequelize.UUID,
        allowNull: true,
        references: { model: 'comments', key: 'id' },
        onDelete: 'CASCADE',
      },
      createdById: {
        type: Sequelize.INTEGER,
        allowNull: false,
        references: { model: 'users', key: 'id' },
      },
      resolvedAt: {
        type: Sequelize.DATE,
        allowNull: true,
      },
      createdAt: { type: Sequelize.DATE, allowNull: false },
      updatedAt: { type: Sequelize.DATE, allowNull: false },
    });
    await queryInterface.addIndex('comments', ['documentId']);
  },

  async down(queryInterface: QueryInterface): Promise<void> {
    await queryInterface.dropTable('comments');
  },
};
