'use strict';

module.exports = {
  async up(queryInterface) {
    const now = new Date('2019-01-20T10:00:00Z');
    await queryInterface.bulkInsert('teams', [
      { id: 1, name: 'Acme', subdomain: 'acme', createdAt: now, updatedAt: now },
      { id: 2, name: 'Globex', subdomain: 'globex', createdAt: now, updatedAt: now },
    ]);
    await queryInterface.bulkInsert('users', [
      { id: 1, email: 'ada@acme.test', displayName: 'Ada', isAdmin: true, teamId: 1, createdAt: now, updatedAt: now },
      { id: 2, email: 'bob@acme.test', displayName: 'Bob', isAdmin: false, teamId: 1, createdAt: now, updatedAt: now },
      { id: 3, email: 'cy@globex.test', displayName: 'Cy', isAdmin: true, teamId: 2, createdAt: now, updatedAt: now },
    ]);
  },

  async down(queryInterface) {
    await queryInterface.bulkDelete('users', null, {});
    await queryInterface.bulkDelete('teams', null, {});
  },
};
