'use strict';
module.exports = (sequelize, DataTypes) => {
  const Account = sequelize.define('Account', {
    uuid: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
    name: {
      type: DataTypes.STRING(60),
      allowNull: false,
      get() {
        return this.getDataValue('name').trim();
      },
      set(v) {
        this.setDataValue('name', String(v));
      },
    },
    score: { type: DataTypes.DOUBLE, defaultValue: 0 },
    tags: DataTypes.ARRAY(DataTypes.STRING),
    meta: DataTypes.JSON,
    plan: { type: DataTypes.STRING(10), validate: { isIn: [['free', 'pro']], isUpper(value) { if (value !== value.toUpperCase()) throw new Error('upper'); } } },
    email: { type: DataTypes.STRING, unique: 'account_email_team', validate: { isEmail: { msg: 'not an e-mail address' } } },
    team: { type: DataTypes.STRING(20), unique: 'account_email_team', field: 'team_name' },
    joined: { type: DataTypes.DATE, defaultValue: sequelize.fn('now') },
    fullName: { type: DataTypes.VIRTUAL, get() { return this.name; } },
  }, {
    freezeTableName: true,
    underscored: true,
    paranoid: true,
    createdAt: 'created_on',
    updatedAt: false,
    deletedAt: 'removed_at',
    scopes: { pro: { where: { plan: 'pro' } } },
  });
  Account.addHook('afterCreate', 'audit', (account) => {
    console.log('created', account.uuid);
  });
  Account.associate = (models) => {
    Account.hasMany(models.Membership, { foreignKey: { name: 'accountUuid', allowNull: false }, sourceKey: 'uuid', as: 'teamMemberships', scope: { kind: 'team' }, constraints: false });
    Account.belongsToMany(models.Group, { through: 'account_groups', foreignKey: 'accountUuid', otherKey: 'groupId', as: 'groups' });
  };
  return Account;
};
