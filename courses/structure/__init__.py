"""Course structure: the course listing, courses, sections, activity pages, enrolments."""
