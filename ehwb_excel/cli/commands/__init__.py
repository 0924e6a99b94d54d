"""One module per `ehwb` command; see `ehwb_excel.cli.main`."""
