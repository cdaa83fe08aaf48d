'use strict';

// API keys outlive the user who made them: the key to users becomes
// ON DELETE SET NULL. Its name differs between databases, so look it up.
async function userKey(queryInterface) {
  const refs = await queryInterface.getForeignKeyReferencesForTable('api_keys');
  return refs.find((ref) => ref.columnName === 'userId' && ref.referencedTableName === 'users');
}

module.exports = {
  async up(queryInterface, Sequelize) {
    if (queryInterface.sequelize.getDialect() === 'sqlite') {
      // SQLite cannot alter a foreign key in place; changeColumn rebuilds
      // the table with the new reference.
      await queryInterface.changeColumn('api_keys', 'userId', {
        type: Sequelize.INTEGER,
        allowNull: true,
        references: { model: 'users', key: 'id' },
        onDelete: 'SET NULL',
      });
      return;
    }
    const ref = await userKey(queryInterface);
    if (ref) {
      await queryInterface.removeConstraint('api_keys', ref.constraintName);
    }
    await queryInterface.addConstraint('api_keys', {
      fields: ['userId'],
      type: 'foreign key',
      name: 'api_keys_user_id_fkey',
      references: { table: 'users', field: 'id' },
      onDelete: 'SET NULL',
    });
  },

  async down(queryInterface, Sequelize) {
    if (queryInterface.sequelize.getDialect() === 'sqlite') {
      await queryInterface.changeColumn('api_keys', 'userId', {
        type: Sequelize.INTEGER,
        allowNull: true,
        references: { model: 'users', key: 'id' },
        onDelete: 'CASCADE',
      });
      return;
    }
    await queryInterface.removeConstraint('api_keys', 'api_keys_user_id_fkey');
    await queryInterface.addConstraint('api_keys', {
      fields: ['userId'],
      type: 'foreign key',
      references: { table: 'users', field: 'id' },
      onDelete: 'CASCADE',
    });
  },
};
