"""Quiz pages' routes: submit an attempt, review it."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import redirect

from courses.activities.quiz.services import quiz_attempt_submit
from courses.completion.services import AttemptRefused
from courses.pages import activity_post_refusal


def quiz_submit(request, *, quiz):
    if refusal := activity_post_refusal(request, quiz):
        return refusal
    answers = {
        question.id: (
            request.POST.getlist(f"q-{question.id}")
            if question.block_type == "multiple_choice"
            else request.POST.get(f"q-{question.id}")
        )
        for question in quiz.questions
    }
    try:
        attempt = quiz_attempt_submit(quiz=quiz, user=request.user, answers=answers)
    except AttemptRefused as error:
        messages.error(request, str(error))
        return redirect(quiz.url)
    return redirect(quiz.url + quiz.reverse_subpage("attempt_review", args=[attempt.number]))


def quiz_review(request, *, quiz, number: int):
    if not request.user.is_authenticated:
        return redirect_to_login(quiz.url)
    attempt = quiz.attempts.filter(user=request.user, number=number).first()
    if attempt is None:  # another learner's attempt is as absent as a missing one
        raise Http404
    review = [(question, attempt.responses.get(question.id, {})) for question in quiz.questions]
    return quiz.render(
        request,
        template="courses/quiz_review.html",
        context_overrides={"attempt": attempt, "review": review},
    )
