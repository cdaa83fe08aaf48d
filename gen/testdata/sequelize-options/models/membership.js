'use strict';
const { Model } = require('sequelize');
module.exports = (sequelize, DataTypes) => {
  class Membership extends Model {
    static associate(models) {
      this.belongsTo(models.Account, { foreignKey: { name: 'accountUuid', allowNull: false }, targetKey: 'uuid', as: 'account', constraints: false });
      this.belongsTo(models.Group, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' });
    }

    static active() {
      return this.findAll({ where: { kind: 'team' } });
    }
  }
  Membership.init({
    kind: { type: DataTypes.ENUM({ values: ['team', 'solo'] }), allowNull: false },
    since: DataTypes.DATEONLY,
    level: DataTypes.SMALLINT.UNSIGNED,
  }, { sequelize, modelName: 'Membership', timestamps: false });
  Membership.beforeSave((m) => { m.level = m.level || 1; });
  return Membership;
};
