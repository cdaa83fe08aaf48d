// Package query builds the SQL of strata's runtime queries for any dialect,
// with no I/O: conditions (Eq, In, Like, And, Raw, Fields …), SELECT (with
// aliases, joins, subquery sources, EXISTS, COUNT and aggregates and
// ROW_NUMBER windows, for statements over several tables),
// INSERT (with RETURNING and upsert), UPDATE and DELETE statements, and the
// tokenizer that rewrites the ? placeholders of hand-written SQL into the
// dialect's own while leaving strings, quoted names, comments and
// dollar-quoted text untouched.
//
// Values reach a statement only as bind arguments (Builder.Bind) and
// identifiers only quoted (Builder.Ident); names a condition mentions are
// resolved through a Columns (a model), so an unknown or hostile name is an
// error, never SQL.
package query
