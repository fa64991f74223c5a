"""Production écrite: a text (and optionally an image) the pupil hands in, read and marked
by their teacher (Moodle's assignment)."""
