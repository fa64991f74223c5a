"""Lessons: rich text read by the learner."""
