"""The Excel ribbon add-in: its build, its installation and what its button runs."""
