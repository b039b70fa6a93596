// Command ploeg plans the workforce of a sociaal werkbedrijf. Run `ploeg help` for the verbs.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
	"time"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := (&App{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv, Now: time.Now}).Run(ctx, os.Args[1:])
	stop()
	os.Exit(code)
}
