import { QueryInterface, DataTypes } from 'sequelize';

export default {
  async up(queryInterface: QueryInterface): Promise<void> {
    const t = await queryInterface.sequelize.transaction();
    try {
      await queryInterface.addConstraint('Teams', { fields: ['name', 'plan'], type: 'unique', transaction: t });
      await queryInterface.addColumn('Teams', 'ownerId', { type: DataTypes.UUID, allowNull: true }, { transaction: t });
      await queryInterface.addConstraint('Teams', {
        fields: ['ownerId'], type: 'foreign key',
        references: { table: 'Users', field: 'id' }, onDelete: 'set null', transaction: t,
      });
      await queryInterface.addConstraint('Users', { fields: ['score'], type: 'check', where: { score: { [Op.gte]: 0 } } });
      await t.commit();
    } catch (err) {
      await t.rollback();
      throw err;
    }
  },
  async down(queryInterface: QueryInterface): Promise<void> {
    await queryInterface.removeConstraint('Users', 'Users_score_ck');
    await queryInterface.removeConstraint('Teams', 'Teams_ownerId_Users_fk');
    await queryInterface.removeColumn('Teams', 'ownerId');
    await queryInterface.removeConstraint('Teams', 'Teams_name_plan_uk');
  },
};
import { Op } from 'sequelize';
