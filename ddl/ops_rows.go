package ddl

import (
	"fmt"
	"maps"
	"slices"
)

// Row is one row of data: column name to value. A nil value is SQL NULL.
type Row map[string]any

// BulkInsertOp inserts rows (queryInterface.bulkInsert).
type BulkInsertOp struct {
	Table string `json:"table"`
	Rows  []Row  `json:"rows"`
}

// BulkInsert inserts rows into table.
func BulkInsert(table string, rows ...Row) *BulkInsertOp {
	return &BulkInsertOp{Table: table, Rows: rows}
}

// Columns is the union of the rows' columns, sorted. A row that lacks one of
// them inserts NULL there.
func (o *BulkInsertOp) Columns() []string {
	set := map[string]bool{}
	for _, r := range o.Rows {
		for k := range r {
			set[k] = true
		}
	}
	return slices.Sorted(maps.Keys(set))
}

func (o *BulkInsertOp) String() string {
	return fmt.Sprintf("bulkInsert %d rows into %q", len(o.Rows), o.Table)
}
func (*BulkInsertOp) opName() string { return "bulkInsert" }

// Where is an equality filter for BulkUpdate and BulkDelete: each column must
// equal its value; a nil value means IS NULL, a slice means IN. Conditions
// are joined with AND. An empty Where matches every row.
type Where map[string]any

// Columns lists the filtered columns, sorted.
func (w Where) Columns() []string { return slices.Sorted(maps.Keys(w)) }

// BulkUpdateOp updates the rows matching Where (queryInterface.bulkUpdate).
type BulkUpdateOp struct {
	Table string `json:"table"`
	Set   Row    `json:"set"`
	Where Where  `json:"where,omitempty"`
}

// BulkUpdate sets columns on the rows of table that match where.
func BulkUpdate(table string, set Row, where Where) *BulkUpdateOp {
	return &BulkUpdateOp{Table: table, Set: set, Where: where}
}

func (o *BulkUpdateOp) String() string { return fmt.Sprintf("bulkUpdate %q", o.Table) }
func (*BulkUpdateOp) opName() string   { return "bulkUpdate" }

// BulkDeleteOp deletes the rows matching Where (queryInterface.bulkDelete).
type BulkDeleteOp struct {
	Table string `json:"table"`
	Where Where  `json:"where,omitempty"`
}

// BulkDelete deletes the rows of table that match where; an empty where
// deletes every row.
func BulkDelete(table string, where Where) *BulkDeleteOp {
	return &BulkDeleteOp{Table: table, Where: where}
}

func (o *BulkDeleteOp) String() string { return fmt.Sprintf("bulkDelete from %q", o.Table) }
func (*BulkDeleteOp) opName() string   { return "bulkDelete" }
