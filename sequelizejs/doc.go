// Package sequelizejs runs the JavaScript of a sequelize-cli project —
// migrations, seeders, model definitions and config — in a pure-Go
// engine (goja, after esbuild has turned TypeScript and ES modules into
// CommonJS), so a project moving from Node keeps its history as it is.
//
// A Runtime loads files as Node would load them with require: relative
// paths resolve to .js, .cjs, .mjs, .ts and .json files and index files,
// each module runs once, and bare package names resolve to the modules the
// Runtime was given (the recording "sequelize" module, small shims of
// utility packages). Anything else a file reaches for — the file system,
// a child process, a package the Runtime does not provide — is an
// *UnsupportedError naming the construct and the line, never a silent
// gap.
//
// The same engine evaluates a project's .sequelizerc and config file; its
// "dotenv" shim reads .env into process.env as dotenv does, and
// Options.Getenv lets process.env read the caller's environment.
//
// LoadModels records a models folder the same way: each model file's
// factory is called with a recording Sequelize (define, Model.init and
// sequelize-typescript's decorators), then each model's associate, and
// the result is a ModelSet (attributes, options, associations with their
// options, and hooks, getters, setters, scopes and methods as source) that
// gen.ImportSequelize turns into Go models.
package sequelizejs
