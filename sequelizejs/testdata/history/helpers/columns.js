// Shared column definitions, required by the migrations.
exports.timestamps = (Sequelize) => ({
  createdAt: { allowNull: false, type: Sequelize.DATE, defaultValue: Sequelize.fn('now') },
  updatedAt: { allowNull: false, type: Sequelize.DATE },
});
