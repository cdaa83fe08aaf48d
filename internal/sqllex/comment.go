package sqllex

// comment lexes the /* at i: a comment, or where ExecutableComments the
// opener of an executable comment whose text is SQL.
func (l *Lexer) comment(i int) Token {
	s, f := l.src, &l.f
	if f.ExecutableComments {
		if j, mariaOnly, ok := execMarker(s, i, f.MariaDBComments); ok {
			if d := digits(s, j); d >= 5 {
				vlen := min(d, 6)
				ver := 0
				for _, c := range s[j : j+vlen] {
					ver = ver*10 + int(c-'0')
				}
				run := ver <= f.ServerVersion
				if f.MariaDBComments && !mariaOnly && ver >= 50700 && ver <= 99999 {
					run = false // MariaDB skips MySQL 5.7+ only syntax
				}
				if !run {
					nest := 0
					if f.MariaDBComments {
						nest = 1
					}
					return l.blockComment(i, j+vlen, nest)
				}
				j += vlen
			}
			if l.execStart < 0 {
				l.execStart = i
			}
			return l.token(ExecOpen, i, j)
		}
	}
	nest := 0
	if f.NestedComments {
		nest = -1
	}
	return l.blockComment(i, i+2, nest)
}

// execMarker reads /*! (or MariaDB's /*M!) at i and returns where its
// text starts.
func execMarker(s string, i int, maria bool) (int, bool, bool) {
	if i+2 < len(s) && s[i+2] == '!' {
		return i + 3, false, true
	}
	if maria && i+3 < len(s) && s[i+2] == 'M' && s[i+3] == '!' {
		return i + 4, true, true
	}
	return 0, false, false
}

// execOpenEnd is the end of the executable-comment opener at i, with its
// version.
func execOpenEnd(s string, i int) int {
	j := i + 3
	if s[i+2] == 'M' {
		j++
	}
	if d := digits(s, j); d >= 5 {
		j += min(d, 6)
	}
	return j
}

func digits(s string, i int) int {
	j := i
	for j < len(s) && isDigit(s[j]) {
		j++
	}
	return j - i
}

// blockComment lexes the comment opened at i whose text starts at from,
// which may hold nest levels of /* … */ inside (-1: any number, as
// PostgreSQL nests).
func (l *Lexer) blockComment(i, from, nest int) Token {
	end := skipComment(l.src, from, nest)
	if end < 0 {
		if !l.f.UnterminatedComments {
			l.fail(i, Comment, l.src[i:from])
		}
		end = len(l.src)
	}
	return l.token(Comment, i, end)
}

// skipComment returns the index after the */ that closes a comment whose
// text starts at j, or -1 when none does.
func skipComment(s string, j, nest int) int {
	if nest < 0 {
		depth := 1
		for j+1 < len(s) {
			switch {
			case s[j] == '/' && s[j+1] == '*':
				depth++
				j += 2
			case s[j] == '*' && s[j+1] == '/':
				depth--
				j += 2
				if depth == 0 {
					return j
				}
			default:
				j++
			}
		}
		return -1
	}
	for j+1 < len(s) {
		switch {
		case nest > 0 && s[j] == '/' && s[j+1] == '*':
			k := skipComment(s, j+2, nest-1)
			if k < 0 {
				return -1
			}
			j = k
		case s[j] == '*' && s[j+1] == '/':
			return j + 2
		default:
			j++
		}
	}
	return -1
}
