"""Native quizzes: questions, grading, review."""
