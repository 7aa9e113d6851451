"""The command line: typer commands that parse the flags and hand them to the API, the session and
the views (`execadvisor.cli.app`); the console script's entry point (`entry`) and the process's
outcome (`main`)."""
