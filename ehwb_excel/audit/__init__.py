"""The audit as plain Python (its model and the built-in default audit); imports nothing but the standard library."""
