package pgdialect

// Internal functions under test, for the pgdialect_test package.
var (
	ParseType    = parseType
	ParseDefault = parseDefault
	KeyColumns   = keyColumns
)
