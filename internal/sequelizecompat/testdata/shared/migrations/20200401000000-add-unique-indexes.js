'use strict';

module.exports = {
  up: async (queryInterface) => {
    await queryInterface.addIndex('tags', ['name', 'teamId'], {
      type: 'UNIQUE',
      name: 'tags_team_name',
    });
    await queryInterface.addIndex('shares', {
      fields: [{ name: 'token' }],
      unique: true,
    });
  },

  down: async (queryInterface) => {
    await queryInterface.removeIndex('shares', ['token']);
    await queryInterface.removeIndex('tags', 'tags_team_name');
  },
};
