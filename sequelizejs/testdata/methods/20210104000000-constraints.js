'use strict';

module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addConstraint('Labels', { fields: ['projectId', 'name'], type: 'unique' });
    await queryInterface.addConstraint('Orgs', { fields: ['name'], type: 'unique', name: 'orgs_name_unique' });
    await queryInterface.createTable('Members', {
      orgId: { type: Sequelize.INTEGER, allowNull: false },
      userName: { type: Sequelize.STRING(40), allowNull: false },
    });
    await queryInterface.addConstraint('Members', { fields: ['orgId', 'userName'], type: 'primary key' });
    await queryInterface.addConstraint('Members', {
      fields: ['orgId'], type: 'foreign key', references: { table: 'Orgs', field: 'id' }, onDelete: 'cascade', onUpdate: 'cascade',
    });
  },
  async down(queryInterface) {
    await queryInterface.dropTable('Members');
    await queryInterface.removeConstraint('Orgs', 'orgs_name_unique');
    await queryInterface.removeConstraint('Labels', 'Labels_projectId_name_uk');
  },
};
