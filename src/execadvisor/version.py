"""The release: read by the build (pyproject.toml) and printed by `execadvisor --version`."""

__version__ = "0.3.0"
