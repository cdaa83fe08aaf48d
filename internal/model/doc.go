// Package model turns Go structs into strata models: the table, the
// columns, the keys and the special fields of a struct type, computed once
// per type and cached in a Registry.
//
// The package does no I/O and writes no SQL: CreateTable and Schema give
// the model's table as ddl and schema values. The conventions it
// implements and the rules of Fit are documented for users in package
// strata's "Models" and "Values that do not fit their column".
package model
