"""The least a program on our libraries can do, for benchmarks/startup.py's floors: a typer command
with one option that builds one (deferred) pydantic model, then - by the argument - draws a rich
table in a panel, or asks one questionary question (in a terminal; the benchmark times it until the
question is on screen). It takes the same short cuts as execadvisor (no pydantic plugin loader,
prompt_toolkit's default key bindings built once, `os._exit` instead of interpreter teardown), so
whatever a path of ours costs above it is our own code.

    python benchmarks/_floor.py [plain|rich|question]
"""

import os
import sys

from execadvisor.cli.entry import _without_pydantic_plugins

_without_pydantic_plugins()

import typer  # noqa: E402 - after the plugin stand-in, as in execadvisor
from pydantic import BaseModel, ConfigDict  # noqa: E402


class Answer(BaseModel):
    model_config = ConfigDict(defer_build=True)
    value: str


def main(value: str = "x") -> None:
    Answer(value=value)
    if sys.argv[1:] == ["rich"]:
        from rich.console import Console
        from rich.panel import Panel
        from rich.table import Table

        table = Table()
        table.add_column("option")
        table.add_row(value)
        Console(width=80).print(Panel(table, title="floor"))
    elif sys.argv[1:] == ["question"]:
        import questionary

        from execadvisor.session.keys import default_key_bindings_built_once

        default_key_bindings_built_once()
        questionary.select("(1/1) How many people work at the company?", choices=["Under 20", "20 to 200", "More"]).unsafe_ask()


if __name__ == "__main__":
    app = typer.Typer(add_completion=False)
    app.command()(main)
    app(["--value", "y"], standalone_mode=False)
    sys.stdout.flush()
    os._exit(0)
