// Package sqllex lexes SQL text as a database server does, for the two
// places strata reads SQL it did not write: the ? placeholders of
// hand-written SQL (internal/query) and the statements of a .sql
// migration (migrate). One lexer serves both, driven by Flags, the
// lexical rules of one database (which quotes exist and how they escape,
// which comments nest, which comments are SQL), so that a ? or a ; is
// found exactly where the server reads one.
//
// The lexer yields tokens that cover the text exactly, in order: string
// literals, quoted identifiers, comments, dollar-quoted bodies,
// placeholders, semicolons, the sigils of the database's own parameters,
// the markers around executable comments, and the other text between
// them. A construct left open (a string, name, comment or dollar quote
// with no end) is an *Error, and its token runs to the end of the text.
//
// It imports the standard library only; dialect, internal/query and
// migrate translate their own descriptions into Flags.
package sqllex
