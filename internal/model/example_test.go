package model_test

import (
	"fmt"
	"reflect"
	"time"

	"github.com/strata-orm/strata/internal/model"
)

func ExampleNew() {
	type ProductOrder struct {
		ID        int
		ProductID int     `strata:",notnull"`
		Quantity  int     `strata:",default=1" validate:"min=1"`
		Note      *string `strata:",size=500"`
		CreatedAt time.Time
		UpdatedAt time.Time
	}
	m, err := model.New(reflect.TypeFor[ProductOrder]())
	if err != nil {
		panic(err)
	}
	fmt.Println(m.Table, m.ColumnNames())
	t, _ := m.Schema()
	for _, c := range t.Columns {
		fmt.Println(c.Name, c.Type, "notnull:", c.NotNull, "auto:", c.AutoIncrement)
	}
	_, err = m.Column("quantiy")
	fmt.Println(err)
	// Output:
	// productOrders [id productId quantity note createdAt updatedAt]
	// id INTEGER notnull: true auto: true
	// productId INTEGER notnull: true auto: false
	// quantity INTEGER notnull: false auto: false
	// note STRING(500) notnull: false auto: false
	// createdAt DATE notnull: true auto: false
	// updatedAt DATE notnull: true auto: false
	// unknown column "quantiy" for model ProductOrder (did you mean "quantity"?)
}
