'use strict';

// A backfill: a new column, filled from each team's first user.
module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('teams', 'adminid', { type: Sequelize.INTEGER });
    const teams = await queryInterface.sequelize.query('SELECT * FROM teams', {
      type: queryInterface.sequelize.QueryTypes.SELECT,
    });
    for (const team of teams) {
      const [users] = await queryInterface.sequelize.query('SELECT id FROM users WHERE teamid = :id', {
        replacements: { id: team.id },
      });
      await queryInterface.bulkUpdate('teams', { adminid: users[0].id }, { id: team.id });
    }
  },
  async down(queryInterface) {
    await queryInterface.removeColumn('teams', 'adminid');
  },
};
