'use strict';

// What introspection answers, written into a comment statement so the
// test sees it.
module.exports = {
  up: async (queryInterface) => {
    const users = await queryInterface.describeTable('Users');
    const indexes = await queryInterface.showIndex('Users');
    const tables = await queryInterface.showAllTables();
    await queryInterface.sequelize.query('-- ' + JSON.stringify({ users, indexes, tables }));
  },
};
