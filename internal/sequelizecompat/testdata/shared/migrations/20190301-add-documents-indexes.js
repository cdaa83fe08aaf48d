'use strict';

module.exports = {
  async up(queryInterface) {
    await queryInterface.addIndex('documents', ['teamId', 'collectionId']);
    await queryInterface.addIndex('documents', {
      name: 'documents_updated_at_desc',
      fields: [{ name: 'updatedAt', order: 'DESC' }],
    });
    await queryInterface.addIndex('documents', ['publishedAt', 'createdById'], {
      name: 'documents_author_published',
    });
  },

  async down(queryInterface) {
    await queryInterface.removeIndex('documents', 'documents_author_published');
    await queryInterface.removeIndex('documents', 'documents_updated_at_desc');
    // On MySQL the teamId foreign key now lives on this index (InnoDB
    // dropped the one it made for the key): it goes with the table.
    if (queryInterface.sequelize.getDialect() !== 'mysql') {
      await queryInterface.removeIndex('documents', ['teamId', 'collectionId']);
    }
  },
};
