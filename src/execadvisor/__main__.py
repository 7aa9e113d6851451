"""`python -m execadvisor` runs the same program as the `execadvisor` command."""

from execadvisor.cli.entry import main

if __name__ == "__main__":
    main()
