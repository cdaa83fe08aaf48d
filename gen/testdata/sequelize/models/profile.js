'use strict';
const { Model } = require('sequelize');
// sequelize-cli's model:generate form, underscored.
module.exports = (sequelize, DataTypes) => {
  class Profile extends Model {
    static associate(models) {
      Profile.belongsTo(models.User, { foreignKey: 'userId', as: 'user' });
    }

    get displayBio() {
      return this.bio || '';
    }
  }
  Profile.init({
    bio: DataTypes.TEXT,
    userId: { type: DataTypes.INTEGER, allowNull: false, unique: true },
  }, {
    sequelize,
    modelName: 'Profile',
    tableName: 'profiles',
    underscored: true,
  });
  return Profile;
};
