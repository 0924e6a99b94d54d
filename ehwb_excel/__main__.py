"""Allows `python -m ehwb_excel`."""

from ehwb_excel.cli.entry import run

run()
