"""Campaigns: national operations with a period, kits and school registrations."""

__all__: list[str] = []
