"""A link to an external resource."""
