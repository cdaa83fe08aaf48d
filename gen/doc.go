// Package gen writes the files sequelize-cli's generators write, in Go:
// model files, migrations (a createTable for model:generate, an empty one
// for migration:generate), seeders, the packages `strata init` lays out,
// and model:import's model files from a database's schema (ImportModels).
// Output is gofmt-ed Go source; nothing here touches the file system or a
// database. Operations and columns are written by ddl's GoString methods,
// the printer CheckSchema's messages use too.
//
// Attributes use sequelize-cli's syntax for --attributes, with more:
//
//	firstName:string                 a nullable VARCHAR(255)
//	email:string(100)!:unique        NOT NULL ("!" after the type), unique
//	role:enum:{admin,'guest user'}   an ENUM
//	tags:array:string                an ARRAY (PostgreSQL)
//	price:decimal(10,2):default=0    a default
//	createdOn:date:default=now       the current time (uuidv4 for a random UUID)
//	userId:integer:references=users.id:onDelete=cascade:onUpdate=cascade
//	score:integer:notnull:index      NOT NULL, and an index on the column
//
// Every string is written as a Go string literal (strconv.Quote; a struct
// tag holding a backtick is an interpreted literal), so what a file carries
// is exactly what was asked. What cannot be written is refused before
// anything is: NUL bytes or invalid UTF-8 (*AttributeError, *NameError),
// names that are not distinct exported Go identifiers after conversion,
// reference names that are not identifiers, numeric defaults that are not
// decimal numbers, enum values over 63 bytes.
package gen
