// An ES module model file.
export default function (sequelize, DataTypes) {
  const Group = sequelize.define('Group', {
    title: { type: DataTypes.STRING, allowNull: false },
    budget: DataTypes.DECIMAL(12, 2),
    open: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
  }, { tableName: 'groups', timestamps: true });
  Group.associate = (models) => {
    Group.belongsToMany(models.Account, { through: 'account_groups', foreignKey: 'groupId', otherKey: 'accountUuid', as: 'accounts' });
    Group.hasMany(models.Membership);
  };
  return Group;
}
