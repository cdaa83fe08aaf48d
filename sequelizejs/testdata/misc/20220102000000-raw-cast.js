'use strict';

module.exports = {
  async up(queryInterface, Sequelize) {
    const dialect = queryInterface.sequelize.options.dialect;
    if (dialect === 'postgres') {
      await queryInterface.changeColumn('Widgets', 'code', { type: 'INTEGER USING CAST("code" as INTEGER)' });
    }
    await queryInterface.sequelize.query('DELETE FROM widgets WHERE kind IN (?) AND code <> ?', {
      replacements: [['a', 'b'], 'x'],
      type: Sequelize.QueryTypes.DELETE,
    });
    await queryInterface.bulkDelete('Gizmos', null, {});
    await queryInterface.bulkUpdate('Widgets', { count: 1 }, { count: { [Sequelize.Op.lt]: 1 }, code: null });
    await queryInterface.sequelize.query('CREATE INDEX CONCURRENTLY widgets_kind ON widgets (kind)');
  },
  async down() {},
};
