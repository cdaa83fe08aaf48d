package sqllex

// Kind is the kind of a token.
type Kind uint8

// Token kinds.
const (
	Text        Kind = iota // SQL text outside the others: words, numbers, operators, space
	String                  // '…', E'…', "…" (where DoubleQuoteStrings)
	Ident                   // "…" (where an identifier), `…`, […]
	Comment                 // -- …, # …, /* … */ (and an executable comment the server skips)
	Dollar                  // $$…$$, $tag$…$tag$
	Placeholder             // ?
	Semicolon               // ; (ends a statement)
	Param                   // the $, :, @ or # that starts a parameter of the database's own syntax
	ExecOpen                // /*!, /*!NNNNN or /*M! opening executable SQL text
	ExecClose               // the */ that closes it
)

var kindNames = [...]string{"text", "string", "identifier", "comment", "dollar quote", "placeholder", "semicolon", "parameter", "executable comment", "end of executable comment"}

// String names the kind.
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "unknown"
}

// Token is one token: the bytes src[Pos:End] of the text lexed.
type Token struct {
	Kind     Kind
	Pos, End int
}
