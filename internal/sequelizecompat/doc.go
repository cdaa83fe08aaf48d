// Package sequelizecompat holds the sequelize-cli fixture histories of issue
// 17 and what the real sequelize-cli 6.6.5 made of them, and tests that
// strata's recording of those histories gives the same databases.
//
// testdata/<history>/ is a sequelize-cli project (migrations/, seeders/,
// config/config.json, .sequelizerc): shared runs on all three dialects,
// postgres and mysql hold what exists on one dialect only, skeleton holds
// the files that cannot be recorded (they query data or require the app's
// models), mjs an ES module file sequelize-cli 6.6.5 does not list.
// testdata/<history>/recorded/<dialect>/ is what record-sequelize-cli.sh
// wrote after running the history with sequelize-cli: migrate.json and
// undo.json (a Recording each), and the command's output.
package sequelizecompat
