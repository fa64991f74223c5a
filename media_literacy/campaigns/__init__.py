"""Campaigns: national operations with a period, kits, linked courses and schools' registrations."""
