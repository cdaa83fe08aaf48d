'use strict';
const { Model } = require('sequelize');
module.exports = (sequelize, DataTypes) => {
  class Order extends Model {
    static associate(models) {
      Order.belongsTo(models.User, { foreignKey: 'userId', as: 'user', onDelete: 'CASCADE' });
      Order.hasMany(models.OrderItem, { foreignKey: 'orderId', as: 'items' });
      Order.belongsToMany(models.Product, { through: models.OrderItem, foreignKey: 'orderId', otherKey: 'productId', as: 'products' });
    }

    summary() {
      return `${this.id}: ${this.total}`;
    }
  }
  Order.init({
    total: { type: DataTypes.DECIMAL(10, 2), allowNull: false },
    status: { type: DataTypes.STRING(20), allowNull: false, defaultValue: 'new' },
    userId: { type: DataTypes.INTEGER, allowNull: false },
  }, {
    sequelize,
    modelName: 'Order',
    tableName: 'orders',
    paranoid: true,
  });
  return Order;
};
