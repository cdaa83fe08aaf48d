'use strict';

module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addConstraint('collections', {
      fields: ['teamId', 'name'],
      type: 'unique',
      name: 'collections_team_name_unique',
    });
    await queryInterface.addConstraint('documents', {
      fields: ['revisionCount'],
      type: 'check',
      where: {
        revisionCount: { [Sequelize.Op.gte]: 0 },
      },
      name: 'documents_revision_count_check',
    });
    await queryInterface.addColumn('documents', 'lastModifiedById', {
      type: Sequelize.INTEGER,
      allowNull: true,
    });
    await queryInterface.addConstraint('documents', {
      fields: ['lastModifiedById'],
      type: 'foreign key',
      name: 'documents_last_modified_by_fk',
      references: { table: 'users', field: 'id' },
      onDelete: 'set null',
      onUpdate: 'cascade',
    });
  },

  async down(queryInterface) {
    await queryInterface.removeConstraint('documents', 'documents_last_modified_by_fk');
    await queryInterface.removeColumn('documents', 'lastModifiedById');
    if (queryInterface.sequelize.getDialect() === 'mysql') {
      // removeConstraint looks a CHECK up as an index on MariaDB and fails.
      await queryInterface.sequelize.query(
        'ALTER TABLE `documents` DROP CONSTRAINT `documents_revision_count_check`'
      );
    } else {
      await queryInterface.removeConstraint('documents', 'documents_revision_count_check');
    }
    await queryInterface.removeConstraint('collections', 'collections_team_name_unique');
  },
};
