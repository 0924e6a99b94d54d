"""Allows `python -m ehwb_excel`."""

from ehwb_excel.cli.main import main

raise SystemExit(main())
