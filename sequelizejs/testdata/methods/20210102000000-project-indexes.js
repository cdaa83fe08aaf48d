'use strict';

module.exports = {
  up: (queryInterface, Sequelize) => Promise.all([
    queryInterface.addIndex('Projects', ['orgId', 'title']),
    queryInterface.addIndex('Projects', { fields: ['code', 'orgId'], unique: true, name: 'projects_code_org' }),
    queryInterface.addIndex('Projects', ['parentOrgId'], { type: 'UNIQUE' }),
  ]).then(() => {
    if (queryInterface.sequelize.getDialect() === 'postgres') {
      return queryInterface.addIndex('Projects', ['title'], { where: { archived: false }, name: 'projects_live_title' });
    }
    return queryInterface.addIndex('Projects', [{ name: 'title', order: 'DESC' }], { name: 'projects_live_title' });
  }),
  down: async (queryInterface) => {
    await queryInterface.removeIndex('Projects', 'projects_live_title');
    await queryInterface.removeIndex('Projects', ['parentOrgId']);
    await queryInterface.removeIndex('Projects', 'projects_code_org');
    await queryInterface.removeIndex('Projects', ['orgId', 'title']);
  },
};
