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

// print writes n, in parentheses when it binds less tightly than min.
func print(n node, min int) string {
	s := printBare(n)
	if bindingPower(n) < min {
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
		return print(x.x, bpSubscript) + "[" + print(x.i, 0) + "]"
	case unary:
		operand := print(x.x, bindingPower(x))
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
		return print(x.l, lmin) + " " + x.op + " " + print(x.r, bp+1)
	case chain:
		parts := make([]string, len(x.terms))
		for i, t := range x.terms {
			parts[i] = print(t, bindingPower(x)+1)
		}
		return strings.Join(parts, " "+x.op+" ")
	case isTest:
		return print(x.x, bpIs+1) + " " + x.test
	case inList:
		op := " IN ("
		if x.not {
			op = " NOT IN ("
		}
		return print(x.x, bpLike+1) + op + printList(x.list) + ")"
	case quantified:
		return print(x.x, bpCompare+1) + " " + x.op + " " + x.q + " (" + print(x.y, 0) + ")"
	case caseExpr:
		var b strings.Builder
		b.WriteString("CASE")
		if x.operand != nil {
			b.WriteString(" " + print(x.operand, 0))
		}
		for _, w := range x.whens {
			b.WriteString(" WHEN " + print(w[0], 0) + " THEN " + print(w[1], 0))
		}
		if x.els != nil {
			b.WriteString(" ELSE " + print(x.els, 0))
		}
		return b.String() + " END"
	}
	return ""
}

func printList(xs []node) string {
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = print(x, 0)
	}
	return strings.Join(parts, ", ")
}

// normalizeTokens is NormalizeExpr for an expression the parser does not
// understand: casts dropped, identifiers bare where they may be, keywords in
// upper case, constants re-quoted, single spaces.
func normalizeTokens(toks []token) string {
	var parts []string
	for i := 0; i < len(toks) && toks[i].kind != tEOF; i++ {
		t := toks[i]
		switch t.kind {
		case tCast:
			p := &parser{toks: toks, pos: i + 1}
			if _, err := p.typeName(); err == nil {
				i = p.pos - 1
				continue
			}
			parts = append(parts, "::")
		case tWord, tQuoted:
			parts = append(parts, nameText(t))
		case tString:
			parts = append(parts, quoteLiteral(t.text))
		default:
			parts = append(parts, t.text)
		}
	}
	var b strings.Builder
	for i, p := range parts {
		if i > 0 && !strings.Contains("( [ .", parts[i-1]) && !strings.Contains(") ] , .", p) {
			b.WriteByte(' ')
		}
		b.WriteString(p)
	}
	return b.String()
}
