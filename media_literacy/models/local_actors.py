"""Local actors: EPN, médiathèques, associations and local authorities near the schools."""

__all__: list[str] = []
