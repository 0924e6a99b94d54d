"""One module per `ehwb` command (`merge_all.py` would be `ehwb merge-all`); `ehwb_excel.cli.main` runs them.

What a command module provides:

- `HELP`: one line, shown in `ehwb --help` and as the command's description.
- `ORDER`: its place in `ehwb --help` (smaller first).
- `add_arguments(parser)`: its own arguments. The global options `--debug` and `--json` are
  already there (`args.debug`, `args.json`); `common.add_force_option` adds `--force`.
- `run(args) -> int`: does the work and returns an `ExitCode` (`ehwb_excel.cli.exit_codes`):
  `OK` when done, `PROBLEMS` when done but errors were found. Input it cannot use is raised as
  `EhwbError` (exit 2, printed by `main`, as JSON with --json); check paths with
  `cli.paths.input_workbook` / `output_file`. With `args.json` it prints ONE JSON document on
  stdout and nothing else there; progress goes through `cli.output.step` / `progress_bar`.
- `PROBLEMS_FOUND` (optional): what exit 1 means for it ("the definition has errors"); a command
  without it never exits 1. `--help` prints the exit-code table with it.

Import openpyxl, pandas, python-docx, matplotlib and the library modules that use them inside
`run`, never at the top of the module: `ehwb --help` imports every command module, and must
stay fast (tests/cli/test_fast_start.py).
"""
