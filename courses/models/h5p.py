"""H5P packages uploaded by editors, validated and stored once by content hash."""

__all__: list[str] = []
