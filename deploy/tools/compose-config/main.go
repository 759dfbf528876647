// compose-config loads a compose file the way `docker compose config` does (the compose-spec
// reference library, compose-go, which Docker Compose itself uses): interpolation, the compose-spec
// JSON schema, the model checks, then prints the resolved project. Used by deploy/tools/validate.mjs
// where no Docker Compose plugin is installed.
package main

import (
	"context"
	"fmt"
	"os"

	"github.com/compose-spec/compose-go/v2/cli"
)

// Version is printed by -version; deploy/tools/compose-config.mjs rebuilds on a mismatch.
const Version = "rectify-compose-config 1 (compose-go v2.16.2)"

func main() {
	if len(os.Args) == 2 && os.Args[1] == "-version" {
		fmt.Println(Version)
		return
	}
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: compose-config FILE [FILE...]")
		os.Exit(2)
	}
	options, err := cli.NewProjectOptions(os.Args[1:], cli.WithOsEnv, cli.WithDotEnv, cli.WithName("rectify"))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	project, err := options.LoadProject(context.Background())
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	out, err := project.MarshalYAML()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Stdout.Write(out)
}
