"""Signals of the completion module, for apps that act on it (certificates)."""

from django.dispatch import Signal

course_completed = Signal()
"""Sent, inside the recording transaction, when a learner completes a course; ``completion`` is the record."""
