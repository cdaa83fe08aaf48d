'use strict';

// roles holds the rows the first migration put in: not answered.
module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('roles', 'label', { type: Sequelize.STRING });
    const roles = await queryInterface.sequelize.query('SELECT id, name FROM roles', { type: Sequelize.QueryTypes.SELECT });
    for (const r of roles) {
      await queryInterface.bulkUpdate('roles', { label: r.name.toUpperCase() }, { id: r.id });
    }
  },
  async down(queryInterface) {
    await queryInterface.removeColumn('roles', 'label');
  },
};
