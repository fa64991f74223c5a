"""Certificates: durable records of a completed course, verifiable and revocable."""
