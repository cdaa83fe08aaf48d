package pgdialect

import (
	"strings"
)

// bindingPower is how tightly n binds when printed, to decide parentheses.
func bindingPower(n node) int {
	switch x := n.(type) {
	case unary:
		switch x.op {
		case "NOT":
			return bpNot
		case "-", "+":
			return bpUnary
		}
		return bpOther
	case binary:
		return binaryPower(x.op)
	case chain:
		if x.op == "OR" {
			return bpOr
		}
		return bpAnd
	case isTest:
		return bpIs
	case inList:
		return bpLike
	case quantified:
		return bpCompare
	}
	return bpLeaf
}

func binaryPower(op string) int {
	switch op {
	case "=", "<", ">", "<=", ">=", "<>":
		return bpCompare
	case "IS DISTINCT FROM", "IS NOT DISTINCT FROM":
		return bpIs
	case "+", "-":
		return bpAdd
	case "*", "/", "%":
		return bpMul
	case "^":
		return bpExp
	}
	return bpOther
}

// format writes n, in parentheses when it binds less tightly than floor.
func format(n node, floor int) string {
	s := printBare(n)
	if bindingPower(n) < floor {
		return "(" + s + ")"
	}
	return s
}

func printBare(n node) string {
	switch x := n.(type) {
	case leaf:
		return x.text
	case call:
		return x.name + "(" + printList(x.args) + ")"
	case array:
		return "ARRAY[" + printList(x.elems) + "]"
	case subscript:
		return format(x.x, bpSubscript) + "[" + format(x.i, 0) + "]"
	case unary:
		operand := format(x.x, bindingPower(x))
		switch {
		case x.op == "NOT":
			return "NOT " + operand
		case strings.HasPrefix(operand, "-") || strings.HasPrefix(operand, "+"):
			return x.op + "(" + operand + ")"
		}
		return x.op + operand
	case binary:
		bp := binaryPower(x.op)
		lmin := bp
		if bp == bpCompare {
			lmin = bp + 1 // comparisons do not associate
		}
		return format(x.l, lmin) + " " + x.op + " " + format(x.r, bp+1)
	case chain:
		parts := make([]string, len(x.terms))
		for i, t := range x.terms {
			parts[i] = format(t, bindingPower(x)+1)
		}
		return strings.Join(parts, " "+x.op+" ")
	case isTest:
		return format(x.x, bpIs+1) + " " + x.test
	case inList:
		op := " IN ("
		if x.not {
			op = " NOT IN ("
		}
		return format(x.x, bpLike+1) + op + printList(x.list) + ")"
	case quantified:
		return format(x.x, bpCompare+1) + " " + x.op + " " + x.q + " (" + format(x.y, 0) + ")"
	case caseExpr:
		var b strings.Builder
		b.WriteString("CASE")
		if x.operand != nil {
			b.WriteString(" " + format(x.operand, 0))
		}
		for _, w := range x.whens {
			b.WriteString(" WHEN " + format(w[0], 0) + " THEN " + format(w[1], 0))
		}
		if x.els != nil {
			b.WriteString(" ELSE " + format(x.els, 0))
		}
		return b.String() + " END"
	}
	return ""
}

func printList(xs []node) string {
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = format(x, 0)
	}
	return strings.Join(parts, ", ")
}

// normalizeTokens is NormalizeExpr for an expression the parser does not
// understand: casts dropped, identifiers bare where they may be, keywords in
// upper case, constants re-quoted, tokens apart by single spaces except
// inside brackets, before commas and around the dot of a qualified name.
func normalizeTokens(toks []token) string {
	var parts []token // the tokens kept, text as printed
	for i := 0; i < len(toks) && toks[i].kind != tEOF; i++ {
		t := toks[i]
		switch t.kind {
		case tCast:
			p := &parser{toks: toks, pos: i + 1}
			if _, err := p.typeName(); err == nil {
				i = p.pos - 1
				continue
			}
		case tWord, tQuoted:
			t.text = nameText(t)
		case tString:
			t.text = quoteLiteral(t.text)
		}
		parts = append(parts, t)
	}
	var b strings.Builder
	for i, t := range parts {
		if i > 0 && spaceBetween(parts[i-1], t, parts, i) {
			b.WriteByte(' ')
		}
		b.WriteString(t.text)
	}
	return b.String()
}

// spaceBetween reports whether normalizeTokens puts a space between prev
// and t, the i-th of parts.
func spaceBetween(prev, t token, parts []token, i int) bool {
	name := func(t token) bool { return t.kind == tWord || t.kind == tQuoted || (t.kind == tOp && t.text == "*") }
	switch {
	case prev.kind == tPunct && (prev.text == "(" || prev.text == "["):
		return false
	case t.kind == tPunct && (t.text == ")" || t.text == "]" || t.text == ","):
		return false
	case t.kind == tPunct && t.text == "." && name(prev) && i+1 < len(parts) && name(parts[i+1]):
		return false
	case prev.kind == tPunct && prev.text == "." && name(t) && i >= 2 && name(parts[i-2]):
		return false
	}
	return true
}
