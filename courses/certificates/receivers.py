"""Issue a certificate when the completion module says a course was completed."""

from courses.certificates.services import certificate_issue


def issue_on_completion(sender, completion, **kwargs):
    certificate_issue(completion=completion)
