'use strict';

module.exports = {
  async up(queryInterface) {
    await queryInterface.sequelize.query(`
      CREATE TABLE feature_flags (
        name VARCHAR(100) NOT NULL PRIMARY KEY,
        enabled BOOLEAN NOT NULL DEFAULT FALSE,
        description VARCHAR(255)
      )
    `);
    await queryInterface.sequelize.query(
      'INSERT INTO feature_flags (name, enabled, description) VALUES (:name, :enabled, :description)',
      { replacements: { name: 'comments', enabled: true, description: 'Inline comments on documents' } }
    );
    await queryInterface.sequelize.query(
      'INSERT INTO feature_flags (name, enabled, description) VALUES ($1, $2, $3)',
      { bind: ['templates', false, 'Document templates'] }
    );
  },

  async down(queryInterface) {
    await queryInterface.sequelize.query('DROP TABLE feature_flags');
  },
};
