package pgdialect

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

// NormalizeExpr puts a SQL boolean or scalar expression (a check
// constraint, a partial-index predicate, a default) in the one form strata
// compares, so that an expression as a migration wrote it and as PostgreSQL
// prints it back agree. PostgreSQL parenthesises every operator, adds casts
// and rewrites some constructs: `"total" >= 0` reads back as
// `(total >= (0)::numeric)`, `x IN (1, 2)` as `(x = ANY (ARRAY[1, 2]))`.
// Both normalize to `total >= 0` and `x IN (1, 2)`.
//
// The normal form:
//   - casts (x::type, CAST(x AS type)) are dropped; a string constant cast
//     to a numeric type ('-1'::integer) becomes the number;
//   - only the parentheses precedence needs are kept; AND and OR chains are
//     flattened;
//   - identifiers are written bare (lower case when they were unquoted) and
//     quoted only where they must be; keywords are upper case; string
//     constants are '…' with quotes doubled; whitespace is single spaces;
//   - PostgreSQL's rewrites are undone: = ANY (ARRAY[…]) is IN (…), <> ALL
//     (ARRAY[…]) is NOT IN (…), x IN (a) is x = a, LIKE/ILIKE are ~~/~~*,
//     != and NOT … = are <>, BETWEEN is the pair of comparisons it stands
//     for.
//
// An expression it cannot parse (a subquery, say) is normalized token by
// token instead: casts dropped, identifiers and keywords as above, single
// spaces. NormalizeExpr is idempotent.
func NormalizeExpr(expr string) string {
	// A token-by-token normal form may itself parse; settle on a fixed point.
	out := normalizeOnce(expr)
	for range 3 {
		next := normalizeOnce(out)
		if next == out {
			break
		}
		out = next
	}
	return out
}

func normalizeOnce(expr string) string {
	toks, err := lex(expr)
	if err != nil {
		return strings.Join(strings.Fields(expr), " ")
	}
	p := &parser{toks: toks}
	n, err := p.parse(0)
	if err == nil && p.peek().kind != tEOF {
		err = fmt.Errorf("unexpected %q", p.peek().text)
	}
	if err != nil {
		return normalizeTokens(toks)
	}
	return format(n, 0)
}

// Binding powers, lowest first, after PostgreSQL's operator precedence.
const (
	bpOr = iota + 1
	bpAnd
	bpNot
	bpIs
	bpCompare
	bpLike // LIKE, ILIKE, IN, BETWEEN
	bpOther
	bpAdd
	bpMul
	bpExp
	bpUnary
	bpCast
	bpSubscript
	bpLeaf = 100
)

// The nodes of a parsed expression.
type (
	leaf struct{ text string } // a constant or identifier, printed as is
	call struct {
		name string
		args []node
	}
	unary struct {
		op string
		x  node
	}
	binary struct {
		op   string
		l, r node
	}
	chain struct { // AND or OR over two or more terms
		op    string
		terms []node
	}
	isTest struct { // x IS [NOT] NULL/TRUE/FALSE/UNKNOWN
		x    node
		test string
	}
	inList struct {
		x    node
		not  bool
		list []node
	}
	quantified struct { // x op ANY|ALL (y)
		op, q string
		x, y  node
	}
	array     struct{ elems []node }
	subscript struct{ x, i node }
	caseExpr  struct {
		operand node
		whens   [][2]node
		els     node
	}
)

type node any

type parser struct {
	toks []token
	pos  int
}

var errSyntax = errors.New("unsupported expression syntax")

func (p *parser) peek() token { return p.toks[p.pos] }
func (p *parser) peekAt(k int) token {
	if p.pos+k < len(p.toks) {
		return p.toks[p.pos+k]
	}
	return token{kind: tEOF}
}
func (p *parser) next() token {
	t := p.toks[p.pos]
	if t.kind != tEOF {
		p.pos++
	}
	return t
}
func (p *parser) isWord(w string) bool  { t := p.peek(); return t.kind == tWord && t.text == w }
func (p *parser) isPunct(c string) bool { t := p.peek(); return t.kind == tPunct && t.text == c }
func (p *parser) expect(c string) error {
	if !p.isPunct(c) {
		return fmt.Errorf("%w: expected %q", errSyntax, c)
	}
	p.next()
	return nil
}

// grammarWords are the words the parser gives a meaning.
var grammarWords = []string{"and", "or", "not", "is", "isnull", "notnull", "null", "true", "false", "unknown",
	"in", "like", "ilike", "similar", "between", "symmetric", "any", "all", "some", "array", "case",
	"when", "then", "else", "end", "cast", "as", "distinct", "from", "escape", "exists", "select"}

// reservedWords are PostgreSQL's reserved key words: a column so named
// must be quoted.
var reservedWords = []string{"all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric",
	"both", "case", "cast", "check", "collate", "column", "constraint", "create", "current_catalog",
	"current_date", "current_role", "current_time", "current_timestamp", "current_user", "default",
	"deferrable", "desc", "distinct", "do", "else", "end", "except", "false", "fetch", "for", "foreign",
	"from", "grant", "group", "having", "in", "initially", "intersect", "into", "lateral", "leading",
	"limit", "localtime", "localtimestamp", "not", "null", "offset", "on", "only", "or", "order",
	"placing", "primary", "references", "returning", "select", "session_user", "some", "symmetric",
	"table", "then", "to", "trailing", "true", "union", "unique", "user", "using", "variadic", "when",
	"where", "window", "with"}

// valueFunctions are the reserved words that stand for a value.
var valueFunctions = []string{"current_catalog", "current_date", "current_role", "current_time",
	"current_timestamp", "current_user", "localtime", "localtimestamp", "session_user", "user"}

// isKeyword reports whether w, unquoted, is a key word rather than a name.
func isKeyword(w string) bool {
	return slices.Contains(grammarWords, w) || slices.Contains(reservedWords, w)
}

// parse reads an expression whose operators bind at least as tightly as
// floor.
func (p *parser) parse(floor int) (node, error) {
	left, err := p.prefix()
	if err != nil {
		return nil, err
	}
	for {
		t := p.peek()
		bp, op := infix(t, p.peekAt(1))
		if bp == 0 || bp < floor {
			return left, nil
		}
		if left, err = p.infixRest(left, t, bp, op); err != nil {
			return nil, err
		}
	}
}

// infix returns the binding power of t as an infix or postfix operator
// (0 when it is none) and its canonical spelling.
func infix(t, after token) (int, string) {
	switch t.kind {
	case tCast:
		return bpCast, "::"
	case tPunct:
		if t.text == "[" {
			return bpSubscript, "["
		}
	case tOp:
		switch t.text {
		case "=", "<", ">", "<=", ">=", "<>":
			return bpCompare, t.text
		case "!=":
			return bpCompare, "<>"
		case "+", "-":
			return bpAdd, t.text
		case "*", "/", "%":
			return bpMul, t.text
		case "^":
			return bpExp, t.text
		}
		return bpOther, t.text
	case tWord:
		switch t.text {
		case "or":
			return bpOr, "OR"
		case "and":
			return bpAnd, "AND"
		case "is", "isnull", "notnull":
			return bpIs, t.text
		case "like", "ilike", "in", "between":
			return bpLike, t.text
		case "not":
			if after.kind == tWord && slices.Contains([]string{"like", "ilike", "in", "between"}, after.text) {
				return bpLike, "not"
			}
		}
	}
	return 0, ""
}

func (p *parser) infixRest(left node, t token, bp int, op string) (node, error) {
	p.next()
	switch op {
	case "::":
		typ, err := p.typeName()
		if err != nil {
			return nil, err
		}
		if l, ok := left.(leaf); ok && numericType(typ) && strings.HasPrefix(l.text, "'") {
			if v, _ := unquoteLiteral(l.text); plainNumber.MatchString(v) {
				return leaf{strings.TrimPrefix(v, "+")}, nil
			}
		}
		return left, nil
	case "[":
		i, err := p.parse(0)
		if err != nil {
			return nil, err
		}
		return subscript{left, i}, p.expect("]")
	case "AND", "OR":
		r, err := p.parse(bp + 1)
		if err != nil {
			return nil, err
		}
		return joinChain(op, left, r), nil
	case "isnull":
		return isTest{left, "IS NULL"}, nil
	case "notnull":
		return isTest{left, "IS NOT NULL"}, nil
	case "is":
		return p.isRest(left)
	case "not":
		w := p.peek()
		if w.text == "between" {
			p.next()
			return p.between(left, true)
		}
		n, err := p.infixRest(left, w, bp, w.text)
		if err != nil {
			return nil, err
		}
		return negate(n), nil
	case "like", "ilike":
		r, err := p.parse(bp + 1)
		if err != nil {
			return nil, err
		}
		if p.isWord("escape") {
			return nil, fmt.Errorf("%w: LIKE … ESCAPE", errSyntax)
		}
		if op == "like" {
			return binary{"~~", left, r}, nil
		}
		return binary{"~~*", left, r}, nil
	case "in":
		if err := p.expect("("); err != nil {
			return nil, err
		}
		list, err := p.list(")")
		if err != nil {
			return nil, err
		}
		return inOf(left, false, list), nil
	case "between":
		return p.between(left, false)
	}
	if p.peek().kind == tWord && slices.Contains([]string{"any", "all", "some"}, p.peek().text) && p.peekAt(1) == (token{tPunct, "("}) {
		q := strings.ToUpper(p.next().text)
		if q == "SOME" {
			q = "ANY"
		}
		p.next()
		y, err := p.parse(0)
		if err != nil {
			return nil, err
		}
		if err := p.expect(")"); err != nil {
			return nil, err
		}
		if arr, ok := y.(array); ok && ((op == "=" && q == "ANY") || (op == "<>" && q == "ALL")) {
			return inOf(left, op == "<>", arr.elems), nil
		}
		return quantified{op, q, left, y}, nil
	}
	rbp := bp + 1
	if bp == bpExp {
		rbp = bp // ^ is left-associative in PostgreSQL too, but keep a^b^c stable either way
	}
	r, err := p.parse(rbp)
	if err != nil {
		return nil, err
	}
	return binary{op, left, r}, nil
}

// between reads what follows [NOT] BETWEEN: x BETWEEN lo AND hi is
// x >= lo AND x <= hi; x NOT BETWEEN lo AND hi is x < lo OR x > hi.
func (p *parser) between(x node, not bool) (node, error) {
	if p.isWord("symmetric") {
		return nil, fmt.Errorf("%w: BETWEEN SYMMETRIC", errSyntax)
	}
	lo, err := p.parse(bpOther)
	if err != nil {
		return nil, err
	}
	if !p.isWord("and") {
		return nil, fmt.Errorf("%w: BETWEEN without AND", errSyntax)
	}
	p.next()
	hi, err := p.parse(bpOther)
	if err != nil {
		return nil, err
	}
	if not {
		return chain{"OR", []node{binary{"<", x, lo}, binary{">", x, hi}}}, nil
	}
	return chain{"AND", []node{binary{">=", x, lo}, binary{"<=", x, hi}}}, nil
}

// isRest reads what follows IS.
func (p *parser) isRest(left node) (node, error) {
	not := ""
	if p.isWord("not") {
		p.next()
		not = "NOT "
	}
	t := p.next()
	if t.kind == tWord {
		switch t.text {
		case "null", "true", "false", "unknown":
			return isTest{left, "IS " + not + strings.ToUpper(t.text)}, nil
		case "distinct":
			if !p.isWord("from") {
				return nil, fmt.Errorf("%w: IS DISTINCT without FROM", errSyntax)
			}
			p.next()
			r, err := p.parse(bpIs + 1)
			if err != nil {
				return nil, err
			}
			return binary{"IS " + not + "DISTINCT FROM", left, r}, nil
		}
	}
	return nil, fmt.Errorf("%w: IS %s", errSyntax, t.text)
}

func (p *parser) prefix() (node, error) {
	t := p.next()
	switch t.kind {
	case tNumber:
		return leaf{t.text}, nil
	case tString:
		return leaf{quoteLiteral(t.text)}, nil
	case tOp:
		switch t.text {
		case "-", "+":
			x, err := p.parse(bpUnary)
			if err != nil {
				return nil, err
			}
			if t.text == "+" {
				return x, nil // unary plus changes nothing
			}
			if l, ok := x.(leaf); ok && plainNumber.MatchString(l.text) && !strings.HasPrefix(l.text, "-") {
				return leaf{"-" + l.text}, nil // a negative constant
			}
			return unary{"-", x}, nil
		}
		x, err := p.parse(bpOther) // prefix operator such as @ or ~
		if err != nil {
			return nil, err
		}
		return unary{t.text, x}, nil
	case tPunct:
		if t.text == "(" {
			x, err := p.parse(0)
			if err != nil {
				return nil, err
			}
			return x, p.expect(")")
		}
	case tQuoted:
		return p.name(t)
	case tWord:
		switch t.text {
		case "null", "true", "false":
			return leaf{strings.ToLower(t.text)}, nil
		case "not":
			x, err := p.parse(bpNot)
			if err != nil {
				return nil, err
			}
			return negate(x), nil
		case "array":
			if err := p.expect("["); err != nil {
				return nil, err
			}
			elems, err := p.list("]")
			return array{elems}, err
		case "case":
			return p.caseRest()
		case "cast":
			if err := p.expect("("); err != nil {
				return nil, err
			}
			x, err := p.parse(0)
			if err != nil {
				return nil, err
			}
			if !p.isWord("as") {
				return nil, fmt.Errorf("%w: CAST without AS", errSyntax)
			}
			p.next()
			if _, err := p.typeName(); err != nil {
				return nil, err
			}
			return x, p.expect(")")
		}
		if slices.Contains(valueFunctions, t.text) {
			return p.name(t)
		}
		if isKeyword(t.text) {
			return nil, fmt.Errorf("%w: %s", errSyntax, strings.ToUpper(t.text))
		}
		if n := p.peek(); n.kind == tString {
			p.next() // a typed constant such as interval '1 day'
			return leaf{quoteLiteral(n.text)}, nil
		}
		return p.name(t)
	}
	return nil, fmt.Errorf("%w: unexpected %q", errSyntax, t.text)
}

// name reads an identifier (possibly qualified) or a function call
// starting with first.
func (p *parser) name(first token) (node, error) {
	parts := []string{nameText(first)}
	for p.isPunct(".") {
		p.next()
		t := p.next()
		switch {
		case t.kind == tWord || t.kind == tQuoted:
			parts = append(parts, nameText(t))
		case t.kind == tOp && t.text == "*":
			parts = append(parts, "*")
		default:
			return nil, fmt.Errorf("%w: bad qualified name", errSyntax)
		}
	}
	name := strings.Join(parts, ".")
	if !p.isPunct("(") {
		return leaf{name}, nil
	}
	p.next()
	if t := p.peek(); t.kind == tOp && t.text == "*" && p.peekAt(1).text == ")" {
		p.next()
		p.next()
		return call{name, []node{leaf{"*"}}}, nil
	}
	if p.isWord("distinct") {
		return nil, fmt.Errorf("%w: DISTINCT in a call", errSyntax)
	}
	args, err := p.list(")")
	return call{name, args}, err
}

// nameText prints a name token: an unquoted key word in upper case, an
// unquoted name as it is (lexing folded it to lower case), a quoted name
// bare when PostgreSQL would read it back unchanged, quoted otherwise.
func nameText(t token) string {
	if t.kind == tWord {
		if isKeyword(t.text) {
			return strings.ToUpper(t.text)
		}
		return t.text
	}
	return identText(t.text)
}

// identText prints an identifier bare when PostgreSQL would read it back
// unchanged, quoted otherwise.
func identText(s string) string {
	safe := s != "" && !isDigit(s[0]) && !isKeyword(s)
	for i := 0; i < len(s) && safe; i++ {
		c := s[i]
		safe = c == '_' || (c >= 'a' && c <= 'z') || isDigit(c) || c == '$'
	}
	if safe {
		return s
	}
	return quoteIdent(s)
}

// list reads comma-separated expressions up to the closing punctuation.
func (p *parser) list(close string) ([]node, error) {
	var out []node
	if p.isPunct(close) {
		p.next()
		return out, nil
	}
	for {
		if p.isWord("select") {
			return nil, fmt.Errorf("%w: subquery", errSyntax)
		}
		x, err := p.parse(0)
		if err != nil {
			return nil, err
		}
		out = append(out, x)
		if p.isPunct(",") {
			p.next()
			continue
		}
		return out, p.expect(close)
	}
}

func (p *parser) caseRest() (node, error) {
	var c caseExpr
	if !p.isWord("when") {
		x, err := p.parse(0)
		if err != nil {
			return nil, err
		}
		c.operand = x
	}
	for p.isWord("when") {
		p.next()
		w, err := p.parse(0)
		if err != nil {
			return nil, err
		}
		if !p.isWord("then") {
			return nil, fmt.Errorf("%w: WHEN without THEN", errSyntax)
		}
		p.next()
		th, err := p.parse(0)
		if err != nil {
			return nil, err
		}
		c.whens = append(c.whens, [2]node{w, th})
	}
	if p.isWord("else") {
		p.next()
		e, err := p.parse(0)
		if err != nil {
			return nil, err
		}
		c.els = e
	}
	if !p.isWord("end") || len(c.whens) == 0 {
		return nil, fmt.Errorf("%w: CASE", errSyntax)
	}
	p.next()
	return c, nil
}

// typeName reads the type after :: or AS and returns it in lower case.
func (p *parser) typeName() (string, error) {
	var words []string
	t := p.next()
	switch t.kind {
	case tWord, tQuoted:
		words = append(words, t.text)
	default:
		return "", fmt.Errorf("%w: missing type name", errSyntax)
	}
	if p.isPunct(".") {
		p.next()
		words = append(words, p.next().text)
	}
	for {
		switch {
		case p.isPunct("("):
			for !p.isPunct(")") {
				if p.next().kind == tEOF {
					return "", fmt.Errorf("%w: unclosed type modifier", errSyntax)
				}
			}
			p.next()
		case p.isPunct("[") && p.peekAt(1).text == "]":
			p.next()
			p.next()
			words = append(words, "[]")
		case p.peek().kind == tWord && slices.Contains([]string{"varying", "precision", "with", "without", "time", "zone"}, p.peek().text):
			words = append(words, p.next().text)
		default:
			return strings.Join(words, " "), nil
		}
	}
}

// numericType reports whether a cast to typ makes a number.
func numericType(typ string) bool {
	switch typ {
	case "integer", "int", "int2", "int4", "int8", "bigint", "smallint", "numeric", "decimal",
		"real", "float4", "float8", "double precision":
		return true
	}
	return false
}

// joinChain builds an AND/OR chain, flattening chains of the same operator.
func joinChain(op string, l, r node) node {
	var terms []node
	for _, x := range []node{l, r} {
		if c, ok := x.(chain); ok && c.op == op {
			terms = append(terms, c.terms...)
		} else {
			terms = append(terms, x)
		}
	}
	return chain{op, terms}
}

// inOf is x [NOT] IN (list); PostgreSQL reads a one-element list as = or <>.
func inOf(x node, not bool, list []node) node {
	if len(list) == 1 {
		if not {
			return binary{"<>", x, list[0]}
		}
		return binary{"=", x, list[0]}
	}
	return inList{x, not, list}
}

// negate is NOT n, spelling negated LIKE, IN and = the way PostgreSQL
// prints them (!~~, NOT IN, <>).
func negate(n node) node {
	switch x := n.(type) {
	case binary:
		switch x.op {
		case "~~", "~~*":
			return binary{"!" + x.op, x.l, x.r}
		case "=":
			return binary{"<>", x.l, x.r}
		case "<>":
			return binary{"=", x.l, x.r}
		}
	case inList:
		return inList{x.x, !x.not, x.list}
	}
	return unary{"NOT", n}
}
