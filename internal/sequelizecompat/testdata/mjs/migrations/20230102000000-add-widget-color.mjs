// An ES module by its extension. sequelize-cli 6.6.5 lists migrations by
// /\.(cjs|js|cts|ts)$/ and so never runs this file.
export async function up(queryInterface) {
  await queryInterface.addColumn('widgets', 'color', { type: 'VARCHAR(20)', allowNull: true });
}

export async function down(queryInterface) {
  await queryInterface.removeColumn('widgets', 'color');
}
