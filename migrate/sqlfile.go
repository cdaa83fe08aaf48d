package migrate

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"

	"github.com/strata-orm/strata/lint"
)

// ChecksumVersion prefixes every checksum strata records, so that a later
// change of the hashing can tell old checksums from new ones.
const ChecksumVersion = "v1"

// normalize returns a SQL file's text as strata hashes and parses it: a
// UTF-8 byte-order mark removed and line endings turned into "\n", so that
// a checkout with CRLF line endings does not count as an edit.
func normalize(data []byte) []byte {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if bytes.IndexByte(data, '\r') < 0 {
		return data
	}
	data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
	return bytes.ReplaceAll(data, []byte("\r"), []byte("\n"))
}

// sqlChecksum is the checksum of a SQL migration file: sha256 over its
// normalized text.
func sqlChecksum(data []byte) string {
	sum := sha256.Sum256(normalize(data))
	return ChecksumVersion + ":sha256:" + hex.EncodeToString(sum[:])
}

// sqlFile is a parsed SQL migration.
type sqlFile struct {
	Up      []sqlStmt
	Down    []sqlStmt
	HasDown bool // a down section exists (it may be empty: nothing to undo)
	NoTx    bool
	Allow   []lint.Allow // -- strata:lint-allow lines
}

// directive is one marker line of a SQL migration.
type directive int

const (
	dirNone directive = iota
	dirUp
	dirDown
	dirNoTx
	dirBegin
	dirEnd
	dirLintAllow
)

// lintAllowDirective is the marker of a line that silences a lint rule:
// -- strata:lint-allow L002 the reason.
const lintAllowDirective = "lint-allow"

// parseLintAllow reads the rule and reason of a -- strata:lint-allow line.
func parseLintAllow(line string) (lint.Allow, error) {
	s := strings.TrimSpace(strings.TrimSpace(line)[2:])
	s = strings.TrimSpace(s[len("strata:"):])
	fields := strings.Fields(s[len(lintAllowDirective):])
	var a lint.Allow
	if len(fields) > 0 {
		a.Rule = fields[0]
		a.Reason = strings.Join(fields[1:], " ")
	}
	if err := lint.CheckAllows([]lint.Allow{a}); err != nil {
		return a, fmt.Errorf("%q: %w; write -- strata:lint-allow L002 why it is safe", strings.TrimSpace(line), err)
	}
	return a, nil
}

// parseDirective recognises a marker line: `-- strata:up`, `-- strata:down`,
// `-- strata:no-transaction`, `-- strata:statement-begin`,
// `-- strata:statement-end`, and goose's `-- +goose Up` family. A line that
// looks like a marker but is none is an error, so that a typo does not
// silently turn into a comment.
func parseDirective(line string) (directive, error) {
	s := strings.TrimSpace(line)
	if !strings.HasPrefix(s, "--") {
		return dirNone, nil
	}
	s = strings.TrimSpace(s[2:])
	switch {
	case hasPrefixFold(s, "strata:"):
		rest := strings.ToLower(strings.TrimSpace(s[len("strata:"):]))
		if f := strings.Fields(rest); len(f) > 0 && f[0] == lintAllowDirective {
			return dirLintAllow, nil
		}
		switch rest {
		case "up":
			return dirUp, nil
		case "down":
			return dirDown, nil
		case "no-transaction":
			return dirNoTx, nil
		case "statement-begin":
			return dirBegin, nil
		case "statement-end":
			return dirEnd, nil
		}
		return dirNone, fmt.Errorf("unknown directive %q; strata knows -- strata:up, -- strata:down, -- strata:no-transaction, -- strata:statement-begin, -- strata:statement-end and -- strata:lint-allow RULE reason", strings.TrimSpace(line))
	case hasPrefixFold(s, "+goose"):
		switch strings.ToLower(strings.Join(strings.Fields(s[len("+goose"):]), " ")) {
		case "up":
			return dirUp, nil
		case "down":
			return dirDown, nil
		case "no transaction":
			return dirNoTx, nil
		case "statementbegin":
			return dirBegin, nil
		case "statementend":
			return dirEnd, nil
		}
		return dirNone, fmt.Errorf("goose directive %q is not supported; strata reads -- +goose Up, Down, NO TRANSACTION, StatementBegin and StatementEnd", strings.TrimSpace(line))
	}
	return dirNone, nil
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// parseSQL parses a SQL migration: an up section, an optional down section
// and an optional no-transaction marker. Plain text in a section is split
// into statements with fl's rules; a statement-begin … statement-end block
// is one statement as written (for function and trigger bodies that
// contain semicolons). Errors name the line.
func parseSQL(data []byte, fl flavor) (*sqlFile, error) {
	text := string(normalize(data))
	f := &sqlFile{}
	var (
		section    *[]sqlStmt // nil before the first section marker
		sawUp      bool
		chunk      strings.Builder // plain text since the last marker
		chunkLine  = 1
		inBlock    bool
		block      strings.Builder
		blockLine  int
		lineNo     int
		preSection = true
	)
	flush := func() error {
		stmts, err := splitStatements(chunk.String(), chunkLine, fl)
		chunk.Reset()
		if err != nil {
			return err
		}
		if len(stmts) > 0 && section == nil {
			return fmt.Errorf("line %d: SQL before the first section; put statements under -- strata:up or -- strata:down", stmts[0].Line)
		}
		if section != nil {
			*section = append(*section, stmts...)
		}
		return nil
	}
	lines := strings.SplitAfter(text, "\n")
	for _, line := range lines {
		lineNo++
		d, err := parseDirective(line)
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", lineNo, err)
		}
		if d == dirLintAllow {
			a, err := parseLintAllow(line)
			if err != nil {
				return nil, fmt.Errorf("line %d: %w", lineNo, err)
			}
			f.Allow = append(f.Allow, a)
			if inBlock {
				block.WriteString(line)
			} else {
				chunk.WriteString(line)
			}
			continue
		}
		if inBlock {
			if d == dirEnd {
				inBlock = false
				if sql := trimBlock(block.String()); sql != "" {
					*section = append(*section, sqlStmt{SQL: sql, Line: blockLine})
				}
				block.Reset()
				chunkLine = lineNo + 1
				continue
			}
			if d != dirNone {
				return nil, fmt.Errorf("line %d: %s inside a statement block (opened at line %d); close the block with -- strata:statement-end first", lineNo, strings.TrimSpace(line), blockLine-1)
			}
			block.WriteString(line)
			continue
		}
		if d == dirNone {
			chunk.WriteString(line)
			continue
		}
		if err := flush(); err != nil {
			return nil, err
		}
		chunkLine = lineNo + 1
		switch d {
		case dirUp:
			if sawUp {
				return nil, fmt.Errorf("line %d: a second up section; a file has one -- strata:up section", lineNo)
			}
			sawUp, section, preSection = true, &f.Up, false
		case dirDown:
			if f.HasDown {
				return nil, fmt.Errorf("line %d: a second down section; a file has one -- strata:down section", lineNo)
			}
			f.HasDown, section, preSection = true, &f.Down, false
		case dirNoTx:
			f.NoTx = true
		case dirBegin:
			if preSection {
				return nil, fmt.Errorf("line %d: statement block before the first section; put it under -- strata:up or -- strata:down", lineNo)
			}
			inBlock, blockLine = true, lineNo+1
		case dirEnd:
			return nil, fmt.Errorf("line %d: -- strata:statement-end without a -- strata:statement-begin before it", lineNo)
		}
	}
	if inBlock {
		return nil, fmt.Errorf("line %d: statement block is not closed; add -- strata:statement-end after its last line", blockLine-1)
	}
	if err := flush(); err != nil {
		return nil, err
	}
	if !sawUp {
		return nil, fmt.Errorf("no up section: mark the statements that apply the migration with a line -- strata:up (and those that undo it with -- strata:down)")
	}
	return f, nil
}

// trimBlock trims a statement block of surrounding whitespace and one
// trailing semicolon.
func trimBlock(s string) string {
	s = strings.TrimSpace(s)
	s = strings.TrimSuffix(s, ";")
	return strings.TrimSpace(s)
}
