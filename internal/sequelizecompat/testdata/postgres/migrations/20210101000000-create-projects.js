'use strict';

module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable(
      'projects',
      {
        id: {
          type: Sequelize.UUID,
          primaryKey: true,
          defaultValue: Sequelize.literal('gen_random_uuid()'),
        },
        name: { type: Sequelize.STRING, allowNull: false, comment: 'Shown in the sidebar' },
        status: {
          type: Sequelize.ENUM('active', 'archived'),
          allowNull: false,
          defaultValue: 'active',
        },
        priority: {
          type: Sequelize.ENUM('low', 'medium', 'high'),
          allowNull: true,
        },
        labels: {
          type: Sequelize.ARRAY(Sequelize.STRING),
          allowNull: false,
          defaultValue: [],
        },
        settings: { type: Sequelize.JSONB, allowNull: false, defaultValue: {} },
        budget: { type: Sequelize.STRING, allowNull: true },
        ratio: { type: Sequelize.DECIMAL, allowNull: true },
        createdAt: {
          type: Sequelize.DATE,
          allowNull: false,
          defaultValue: Sequelize.fn('NOW'),
        },
        updatedAt: { type: Sequelize.DATE, allowNull: false },
        deletedAt: { type: Sequelize.DATE, allowNull: true },
      },
      { comment: 'Projects group tasks' }
    );
  },

  async down(queryInterface) {
    await queryInterface.dropTable('projects');
    await queryInterface.sequelize.query('DROP TYPE IF EXISTS "enum_projects_status"');
    await queryInterface.sequelize.query('DROP TYPE IF EXISTS "enum_projects_priority"');
  },
};
