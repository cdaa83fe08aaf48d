// Command strata is sequelize-cli for Go: migrations, seeders and
// generators for projects using strata. Run "strata help" for the commands.
package main

import (
	"context"
	"os"
	"os/signal"

	"github.com/strata-orm/strata/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := cli.Run(ctx, os.Args[1:], cli.IO{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr}, cli.Options{})
	stop()
	os.Exit(code)
}
