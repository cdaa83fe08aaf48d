// Command dumpcatalog writes a sequelizecompat.Recording of a database:
// the catalog as strata reads it and the rows of SequelizeMeta. The script
// record-sequelize-cli.sh runs it after each sequelize-cli command.
//
//	go run ./internal/sequelizecompat/dumpcatalog -url postgres://… -command "db:migrate" -exit 0 -out migrate.json
package main

import (
	"context"
	"flag"
	"fmt"
	"os"

	"github.com/strata-orm/strata/dialect/connect"
	"github.com/strata-orm/strata/internal/sequelizecompat"
)

func main() {
	url := flag.String("url", "", "the database URL (postgres://, mysql://, sqlite:<file>)")
	command := flag.String("command", "", "the sequelize-cli command that made the database")
	exit := flag.Int("exit", 0, "its exit status")
	out := flag.String("out", "", "the file to write (standard output without it)")
	flag.Parse()
	if err := run(*url, *command, *exit, *out); err != nil {
		fmt.Fprintln(os.Stderr, "dumpcatalog:", err)
		os.Exit(1)
	}
}

func run(url, command string, exit int, out string) error {
	db, d, err := connect.Open(url)
	if err != nil {
		return err
	}
	defer db.Close()
	r, err := sequelizecompat.Dump(context.Background(), db, d)
	if err != nil {
		return err
	}
	r.Command, r.Exit = command, exit
	b, err := r.Marshal()
	if err != nil {
		return err
	}
	if out == "" {
		_, err = os.Stdout.Write(b)
		return err
	}
	return os.WriteFile(out, b, 0o644)
}
