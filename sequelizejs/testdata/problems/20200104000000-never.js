'use strict';

module.exports = {
  up: () => new Promise(() => {}),
  down: async (queryInterface) => {
    try {
      await queryInterface.sequelize.query('SHOW TABLES', { type: queryInterface.sequelize.QueryTypes.SELECT });
    } catch (e) {
      // swallowed: the recorder still reports it
    }
  },
};
