'use strict';
// The define form, as older sequelize-cli projects write it.
module.exports = (sequelize, DataTypes) => {
  const User = sequelize.define('User', {
    firstName: { type: DataTypes.STRING(100), allowNull: false, validate: { len: [1, 100] } },
    email: { type: DataTypes.STRING, allowNull: false, unique: true, validate: { isEmail: true } },
    age: { type: DataTypes.INTEGER, validate: { min: 0, max: 150 } },
    role: { type: DataTypes.ENUM('admin', 'member'), allowNull: false, defaultValue: 'member' },
  }, {
    tableName: 'users',
    hooks: {
      beforeCreate(user) {
        user.email = user.email.toLowerCase();
      },
    },
  });
  User.associate = (models) => {
    User.hasMany(models.Order, { foreignKey: 'userId', as: 'orders', onDelete: 'CASCADE' });
    User.hasOne(models.Profile, { foreignKey: 'userId', as: 'profile' });
  };
  return User;
};
