"""The one truth of "done": which activities count, each learner's state, progress and
grade, course completion, assignment status. Every surface asks this package."""
