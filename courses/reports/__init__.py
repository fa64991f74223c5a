"""Reports for editors: course completion grid and per-question answers."""
