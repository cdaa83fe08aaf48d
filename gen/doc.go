// Package gen writes the files sequelize-cli's generators write, in Go:
// model files, migrations (a createTable for model:generate, an empty one
// for migration:generate), seeders, and the packages `strata init` lays out.
// Output is gofmt-ed Go source; nothing here touches the file system or a
// database.
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
package gen
