'use strict';

const now = new Date('2019-01-21T10:00:00Z');

module.exports = {
  up: (queryInterface) =>
    queryInterface
      .bulkInsert('collections', [
        { id: 1, name: 'Engineering', description: '', teamId: 1, createdById: 1, createdAt: now, updatedAt: now },
      ])
      .then(() =>
        queryInterface.bulkInsert('documents', [
          {
            id: '6f1c1c9e-3b0e-4b57-9a7e-1f0d7d1c0001',
            urlId: 'welcome',
            title: 'Welcome',
            text: '# Welcome',
            revisionCount: 1,
            template: false,
            collectionId: 1,
            createdById: 1,
            teamId: 1,
            createdAt: now,
            updatedAt: now,
          },
        ])
      ),

  down: (queryInterface, Sequelize) =>
    queryInterface
      .bulkDelete('documents', { urlId: { [Sequelize.Op.in]: ['welcome'] } })
      .then(() => queryInterface.bulkDelete('collections', { id: 1 })),
};
