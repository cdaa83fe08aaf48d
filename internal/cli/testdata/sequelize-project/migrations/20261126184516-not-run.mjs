// sequelize-cli 6.6.5 does not load .mjs files: this one never ran on the
// team's database, and strata does not run it either.
export default {
  async up(queryInterface) {
    await queryInterface.dropTable('users');
  },
  async down() {},
};
