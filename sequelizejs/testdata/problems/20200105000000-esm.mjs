import { DataTypes } from 'sequelize';

export async function up({ context: queryInterface } = {}, Sequelize) {
  const qi = queryInterface || arguments[0];
  await qi.createTable('Tags', { id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true }, label: DataTypes.STRING });
}
export async function down(qi) {
  await qi.dropTable('Tags');
}
