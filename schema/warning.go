package schema

// Warning is one construct of a live database Inspect could not model.
type Warning struct {
	Table     string `json:"table,omitempty"`
	Column    string `json:"column,omitempty"`
	Construct string `json:"construct"`        // what it is, e.g. "exclusion constraint"
	Detail    string `json:"detail,omitempty"` // the database's own text of it
}

// String names the construct and where it is.
func (w Warning) String() string {
	at := w.Table
	if w.Column != "" {
		at += "." + w.Column
	}
	s := w.Construct
	if at != "" {
		s = at + ": " + s
	}
	if w.Detail != "" {
		s += " (" + w.Detail + ")"
	}
	return s + ": not modelled by strata; left as the database has it"
}
