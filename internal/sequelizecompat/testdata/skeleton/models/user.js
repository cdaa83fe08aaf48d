'use strict';

module.exports = (sequelize, DataTypes) => {
  const User = sequelize.define(
    'User',
    {
      email: { type: DataTypes.STRING, allowNull: false, unique: true },
      role: { type: DataTypes.STRING(20), allowNull: false, defaultValue: 'member' },
    },
    { tableName: 'users' }
  );
  return User;
};
