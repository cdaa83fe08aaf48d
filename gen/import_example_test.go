package gen_test

import (
	"fmt"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/gen"
	"github.com/strata-orm/strata/schema"
)

// ImportModels writes a model per table of a schema (what Inspect reads
// from a live database), with the associations its foreign keys imply.
func ExampleImportModels() {
	db := &schema.Database{}
	err := ddl.Replay(db,
		ddl.CreateTable("users",
			ddl.Column("id", schema.Integer()).PrimaryKey().AutoIncrement(),
			ddl.Column("email", schema.String(0)).NotNull().Unique()),
		ddl.CreateTable("order_items",
			ddl.Column("id", schema.Integer()).PrimaryKey().AutoIncrement(),
			ddl.Column("user_id", schema.Integer()).References("users", "id").OnDelete(schema.Cascade).OnUpdate(schema.Cascade)),
	)
	if err != nil {
		panic(err)
	}
	files, report, err := gen.ImportModels(db, gen.ImportOptions{Package: "models"})
	if err != nil {
		panic(err)
	}
	fmt.Println(report.Models, report.Associations)
	fmt.Print(string(files["order_item.go"]))
	// Output:
	// [OrderItem User] [OrderItem.User belongsTo User.OrderItems hasMany]
	// package models
	//
	// import (
	// 	"github.com/strata-orm/strata"
	// 	"github.com/strata-orm/strata/schema"
	// )
	//
	// // OrderItem is a row of the order_items table.
	// type OrderItem struct {
	// 	ID     int  `json:"id"`
	// 	UserID *int `json:"userId"`
	//
	// 	User *User `json:"user,omitempty"`
	// }
	//
	// // TableName is the table OrderItem is stored in.
	// func (OrderItem) TableName() string { return "order_items" }
	//
	// // ModelOptions names the columns of OrderItem in snake_case.
	// func (OrderItem) ModelOptions() strata.ModelOptions { return strata.ModelOptions{Underscored: true} }
	//
	// // Associate declares the associations of OrderItem, from the foreign keys of the database.
	// func (OrderItem) Associate(a *strata.Associations) {
	// 	a.BelongsTo(User{}, strata.OnDelete(schema.Cascade))
	// }
}
