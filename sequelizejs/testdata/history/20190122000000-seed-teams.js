'use strict';
const _ = require('lodash');
const { v4: uuidv4 } = require('uuid');

module.exports = {
  up: async (queryInterface) => {
    const now = new Date();
    await queryInterface.bulkInsert('Teams', _.map(['alpha', 'beta'], (name) => ({ name, slug: _.snakeCase(name), plan: 'free', createdAt: now, updatedAt: now })));
    await queryInterface.bulkInsert('Users', [{ id: uuidv4(), email: 'a@example.com', score: 1.5, active: true, createdAt: now, updatedAt: now }]);
    await queryInterface.bulkUpdate('Teams', { plan: 'pro' }, { name: 'beta' });
  },
  down: async (queryInterface, Sequelize) => {
    await queryInterface.bulkDelete('Users', { email: ['a@example.com'] });
    await queryInterface.bulkDelete('Teams', { name: { [Sequelize.Op.in]: ['alpha', 'beta'] } });
  },
};
