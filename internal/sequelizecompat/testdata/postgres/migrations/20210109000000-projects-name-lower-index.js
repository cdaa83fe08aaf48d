'use strict';

module.exports = {
  async up(queryInterface, Sequelize) {
    // Case-insensitive lookups by name.
    await queryInterface.addIndex('projects', [Sequelize.fn('lower', Sequelize.col('name'))], {
      name: 'projects_name_lower',
    });
    await queryInterface.sequelize.query('COMMENT ON INDEX projects_name_lower IS :comment', {
      replacements: { comment: 'lower(name) for case-insensitive search' },
      type: Sequelize.QueryTypes.RAW,
    });
  },

  async down(queryInterface) {
    await queryInterface.removeIndex('projects', 'projects_name_lower');
  },
};
