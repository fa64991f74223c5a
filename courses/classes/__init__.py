"""Classes: join codes, pupils' accounts, assignments, the progress grid, login cards."""
