"""Allows `python -m ehwb_excel`."""

from ehwb_excel.cli import main

raise SystemExit(main())
