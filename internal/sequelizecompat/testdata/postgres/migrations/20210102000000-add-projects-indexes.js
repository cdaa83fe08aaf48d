'use strict';

module.exports = {
  async up(queryInterface) {
    await queryInterface.addIndex('projects', ['name'], {
      name: 'projects_name_live',
      unique: true,
      concurrently: true,
      where: { deletedAt: null },
    });
    await queryInterface.addIndex('projects', {
      fields: ['labels'],
      using: 'gin',
      concurrently: true,
    });
    await queryInterface.addIndex('projects', ['status'], {
      where: { status: 'active' },
    });
  },

  async down(queryInterface) {
    await queryInterface.removeIndex('projects', ['status']);
    await queryInterface.removeIndex('projects', ['labels'], { concurrently: true });
    await queryInterface.removeIndex('projects', 'projects_name_live', { concurrently: true });
  },
};
