'use strict';

module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('project_members', {
      projectId: { type: Sequelize.UUID, allowNull: false },
      userId: { type: Sequelize.INTEGER, allowNull: false },
      role: { type: Sequelize.STRING(20), allowNull: false, defaultValue: 'member' },
      createdAt: { type: Sequelize.DATE, allowNull: false },
    });
    // createTable makes an "id" column unless told otherwise; drop it and
    // key the table on both columns.
    const columns = await queryInterface.describeTable('project_members');
    if (columns.id) {
      await queryInterface.removeColumn('project_members', 'id');
    }
    await queryInterface.addConstraint('project_members', {
      fields: ['projectId', 'userId'],
      type: 'primary key',
      name: 'project_members_pkey',
    });
    await queryInterface.addConstraint('project_members', {
      fields: ['projectId'],
      type: 'foreign key',
      references: { table: 'projects', field: 'id' },
      onDelete: 'cascade',
    });
    await queryInterface.addConstraint('project_members', {
      fields: ['role'],
      type: 'check',
      where: { role: ['owner', 'member', 'viewer'] },
    });
  },

  async down(queryInterface) {
    await queryInterface.dropTable('project_members');
  },
};
