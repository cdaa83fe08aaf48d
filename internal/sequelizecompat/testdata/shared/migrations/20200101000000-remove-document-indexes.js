'use strict';

module.exports = {
  async up(queryInterface) {
    // Superseded by the (teamId, updatedAt) index. It is added first: on
    // MySQL the teamId foreign key needs an index that starts with teamId.
    await queryInterface.addIndex('documents', ['teamId', 'updatedAt'], {
      name: 'documents_team_updated',
    });
    await queryInterface.removeIndex('documents', 'documents_author_published');
    await queryInterface.removeIndex('documents', ['teamId', 'collectionId']);
  },

  async down(queryInterface) {
    await queryInterface.addIndex('documents', ['publishedAt', 'createdById'], {
      name: 'documents_author_published',
    });
    await queryInterface.addIndex('documents', ['teamId', 'collectionId']);
    await queryInterface.removeIndex('documents', 'documents_team_updated');
  },
};
