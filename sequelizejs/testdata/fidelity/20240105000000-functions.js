'use strict';

module.exports = {
  async up(queryInterface) {
    if (queryInterface.sequelize.getDialect() !== 'postgres') return;
    await queryInterface.createFunction('items_count', [{ type: 'integer', name: 'lim', direction: 'IN' }], 'integer', 'plpgsql',
      'RETURN (SELECT count(*) FROM "Items") + lim;', ['IMMUTABLE'], { force: true });
  },
  async down(queryInterface) {
    if (queryInterface.sequelize.getDialect() !== 'postgres') return;
    await queryInterface.dropFunction('items_count', [{ type: 'integer', name: 'lim', direction: 'IN' }]);
  },
};
