// Package drift keeps a project's three descriptions of its schema in step:
// the registered models, the migration history (replayed offline, with
// no database) and the live database. Check compares them two by two and
// says, for each difference, which side is behind and how to fix it (the
// migration to write, the model field or association to add, the command
// to run); Generate writes the next migration from the models and the
// history (strata migration:generate --auto); Baseline turns a live
// database into a first migration (strata migration:baseline).
//
// The comparisons themselves are package schemadiff's; drift picks what
// to compare with what and words the answer.
package drift
