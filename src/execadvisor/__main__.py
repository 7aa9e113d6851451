"""`python -m execadvisor` runs the same program as the `execadvisor` command."""

from execadvisor._entry import main

if __name__ == "__main__":
    main()
