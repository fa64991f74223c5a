"""H5P activities: packages, the sandboxed player, resume data."""
