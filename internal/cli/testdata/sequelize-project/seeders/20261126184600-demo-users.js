'use strict';

module.exports = {
  async up(queryInterface) {
    await queryInterface.bulkInsert('users', [
      { email: 'ada@example.com', name: 'Ada', createdAt: new Date('2026-01-02T03:04:05Z'), updatedAt: new Date('2026-01-02T03:04:05Z') },
      { email: 'alan@example.com', name: 'Alan', createdAt: new Date('2026-01-02T03:04:05Z'), updatedAt: new Date('2026-01-02T03:04:05Z') },
    ]);
  },

  async down(queryInterface) {
    await queryInterface.bulkDelete('users', { email: ['ada@example.com', 'alan@example.com'] });
  },
};
