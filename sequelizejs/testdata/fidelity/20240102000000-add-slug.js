'use strict';
const util = require('./lib/util');
const models = require('./lib/models');

module.exports = {
  up: async (queryInterface, Sequelize) => {
    if (process.env.BACKFILL === 'yes') {
      await models.Item.update({ slug: '' }, { where: {} });
    }
    await queryInterface.addColumn('Items', 'slug', {
      type: util.isSQLite(queryInterface.sequelize) ? Sequelize.TEXT : Sequelize.STRING(80),
      allowNull: true,
    });
  },
  down: async (queryInterface) => {
    await queryInterface.removeColumn('Items', 'slug');
  },
};
