package gen_test

import (
	"fmt"

	"github.com/strata-orm/strata/gen"
	"github.com/strata-orm/strata/sequelizejs"
)

// A Sequelize project's models folder, recorded by running its files with
// a recording sequelize, becomes Go models with their associations.
func ExampleImportSequelize() {
	set, err := sequelizejs.LoadModels("testdata/sequelize/models")
	if err != nil {
		panic(err)
	}
	files, rep, err := gen.ImportSequelize(set, gen.ImportOptions{Package: "models"})
	if err != nil {
		panic(err)
	}
	fmt.Println(len(files), "files")
	for _, a := range rep.Associations[:3] {
		fmt.Println(a)
	}
	// Output:
	// 9 files
	// Order.User belongsTo
	// Order.Items hasMany
	// Order.Products belongsToMany
}
