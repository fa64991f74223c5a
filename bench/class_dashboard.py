"""Time the teacher's class pages on a realistic volume and print query counts and p50/p95.

    .venv/bin/python bench/class_dashboard.py [--schools 20] [--classes 10] [--pupils 30]
        [--courses 4] [--activities 42] [--samples 60] [--database-url URL]

Builds S schools x C classes x P pupils (default 200 classes, 6,000 pupils), one teacher
per class, K courses of A activities each assigned to every class, and one completion
row per pupil and activity (default 6,000 x 168 = 1,008,000 rows; states and grades
drawn with a fixed seed). Then, for ``--samples`` classes picked at random, times:

  * ``class_progress()`` (the grid selector) alone;
  * the class page (``/classes/<id>/``: grid, assignment summary, join code), rendered
    by Django's test client in-process (no network), as the class's teacher;
  * the teacher's home dashboard (``/classes/``);

and prints queries per call and p50/p95/max milliseconds for each.

Database: ``--database-url`` (migrated, then filled: use a throwaway database), else a
new database ``bench_class_<pid>`` in the cluster of ``scripts/postgres.sh`` when one
runs (dropped at the end), else a throwaway cluster started with that script (stopped at
the end). PostgreSQL rows are written with COPY. ``--database sqlite`` uses a temporary
SQLite file instead (smaller volumes advised).
"""

import argparse
import contextlib
import io
import os
import platform
import random
import statistics
import subprocess
import sys
import time
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENV_FILE = ROOT / ".cache" / "postgres" / "current.env"


def read_env_file(path: Path) -> dict[str, str]:
    with contextlib.suppress(OSError):
        return dict(line.split("=", 1) for line in path.read_text().splitlines() if "=" in line)
    return {}


def run_script(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 - our own script, fixed arguments
        [ROOT / "scripts" / "postgres.sh", *args], capture_output=True, text=True, check=False
    )


class Database:
    """A database to fill and drop: given, a sibling in the running cluster, or a cluster."""

    def __init__(self, args: argparse.Namespace):
        self.args = args
        self.url = args.database_url
        self.cleanup: list = []

    def start(self) -> str:
        if self.url:
            return self.url
        if self.args.database == "sqlite":
            path = ROOT / ".cache" / f"bench-class-{os.getpid()}.sqlite3"
            path.parent.mkdir(exist_ok=True)
            self.cleanup.append(
                lambda: [Path(f"{path}{s}").unlink(missing_ok=True) for s in ("", "-wal", "-shm")]
            )
            self.url = f"sqlite:///{path}"
            return self.url
        if not ENV_FILE.exists():
            print("Starting PostgreSQL (scripts/postgres.sh start)...", flush=True)
            started = run_script("start")
            if started.returncode != 0:
                raise SystemExit(f"PostgreSQL did not start:\n{started.stdout}{started.stderr}")
            self.cleanup.append(lambda: run_script("stop"))
        base = read_env_file(ENV_FILE)["DATABASE_URL"]
        server = base.rsplit("/", 1)[0]
        name = f"bench_class_{os.getpid()}"
        import psycopg

        with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')

        def drop() -> None:
            with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

        self.cleanup.insert(0, drop)
        self.url = f"{server}/{name}"
        return self.url

    def stop(self) -> None:
        for step in self.cleanup:
            try:
                step()
            except Exception as error:  # noqa: BLE001 - every clean-up step runs
                print(f"Clean-up failed: {error}", file=sys.stderr)


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * len(ordered)) - 1))]


def build(args: argparse.Namespace, rng: random.Random) -> list:
    """Fill the database; return the classes."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import Group
    from django.db import connection, transaction
    from django.utils import timezone

    from cms.models import HomePage
    from cms.roles import STUDENT_GROUP, TEACHER_GROUP
    from courses.activities.lesson.models import LessonActivity
    from courses.classes.services import join_code_generate
    from courses.factories import CoursePageFactory, CourseSectionPageFactory
    from courses.models import (
        Activity,
        ActivityCompletion,
        Assignment,
        ClassMembership,
        Classroom,
        CompletionState,
        School,
    )
    from courses.structure.services import course_index_ensure

    started = time.perf_counter()
    index = course_index_ensure(home=HomePage.objects.first())
    courses = []
    for number in range(args.courses):
        course = CoursePageFactory(parent=index, title=f"Parcours {number}", slug=f"bench-{number}")
        section = CourseSectionPageFactory(parent=course, title="Section")
        for position in range(args.activities):
            section.add_child(
                instance=LessonActivity(title=f"Activité {number}.{position}", live=True)
            )
        courses.append(course)
    activity_ids = [
        pk
        for course in courses
        for pk in Activity.objects.filter(path__startswith=course.path).values_list("pk", flat=True)
    ]
    print(f"  {len(courses)} courses, {len(activity_ids)} activities", flush=True)

    users = get_user_model().objects
    password = make_password(None)
    teachers_group = Group.objects.get_or_create(name=TEACHER_GROUP)[0]
    pupils_group = Group.objects.get_or_create(name=STUDENT_GROUP)[0]
    now = timezone.now()
    classes = []
    with transaction.atomic():
        for s in range(args.schools):
            digits = f"{7_500_000 + s:07d}"
            uai = digits + "ABCDEFGHJKLMNPRSTUVWXYZ"[int(digits) % 23]
            school = School.objects.create(
                uai=uai,
                name=f"Collège {s}",
                kind="college",
                commune="Paris",
                departement="75",
                academie="Paris",
            )
            for c in range(args.classes):
                teacher = users.create(username=f"prof-{s}-{c}", password=password)
                teacher.groups.add(teachers_group)
                school.teachers.add(teacher)
                classroom = Classroom.objects.create(
                    school=school,
                    name=f"Classe {c}",
                    academic_year="2026-2027",
                    join_code=join_code_generate(),
                    join_code_expires_at=now + timedelta(days=14),
                )
                classroom.teachers.add(teacher)
                classroom.bench_teacher = teacher
                classes.append(classroom)
        pupils = users.bulk_create(
            [
                get_user_model()(username=f"eleve-{n}", password=password)
                for n in range(len(classes) * args.pupils)
            ],
            batch_size=2000,
        )
        pupils_group.user_set.add(*pupils)
        memberships, assignments = [], []
        for position, classroom in enumerate(classes):
            start = position * args.pupils
            memberships += [
                ClassMembership(
                    classroom=classroom, pupil=pupil, display_name=f"Élève {n}", source="roster"
                )
                for n, pupil in enumerate(pupils[start : start + args.pupils])
            ]
            for course in courses:
                assignments.append(
                    Assignment(
                        classroom=classroom,
                        page=course,
                        opens_at=now,
                        due_at=now + timedelta(days=rng.randint(-5, 20)),
                        created_by=classroom.bench_teacher,
                    )
                )
        ClassMembership.objects.bulk_create(memberships, batch_size=5000)
        Assignment.objects.bulk_create(assignments, batch_size=5000)
        through = Assignment.courses.through
        course_of = {course.pk: course for course in courses}
        through.objects.bulk_create(
            [
                through(assignment_id=a.pk, coursepage_id=a.page_id)
                for a in assignments
                if a.page_id in course_of
            ],
            batch_size=5000,
        )
    print(f"  {len(classes)} classes, {len(pupils)} pupils", flush=True)

    states = [
        (CompletionState.NOT_STARTED, 15),
        (CompletionState.IN_PROGRESS, 15),
        (CompletionState.COMPLETE, 40),
        (CompletionState.PASSED, 20),
        (CompletionState.FAILED, 10),
    ]
    choices, weights = zip(*states, strict=True)
    total = 0
    columns = [
        "user_id",
        "activity_id",
        "viewed",
        "marked_done",
        "attempt_count",
        "grade",
        "state",
        "completed_at",
        "updated_at",
    ]

    def rows_for(pupil_ids):
        for pupil_id in pupil_ids:
            for activity_id, state in zip(
                activity_ids, rng.choices(choices, weights, k=len(activity_ids)), strict=True
            ):
                graded = state in (CompletionState.PASSED, CompletionState.FAILED)
                grade = Decimal(rng.randint(0, 100)) / 100 if graded else None
                done = state in (CompletionState.COMPLETE, CompletionState.PASSED)
                yield (
                    pupil_id,
                    activity_id,
                    True,
                    False,
                    int(graded),
                    grade,
                    str(state),
                    now if done else None,
                    now,
                )

    pupil_ids = [pupil.pk for pupil in pupils]
    for batch_start in range(0, len(pupil_ids), 500):
        batch = pupil_ids[batch_start : batch_start + 500]
        if connection.vendor == "postgresql":
            with transaction.atomic(), connection.cursor() as cursor:
                sql = f"COPY {ActivityCompletion._meta.db_table} ({', '.join(columns)}) FROM STDIN"
                with cursor.cursor.copy(sql) as copy:
                    for row in rows_for(batch):
                        copy.write_row(row)
                        total += 1
        else:
            objects = [
                ActivityCompletion(**dict(zip(columns, row, strict=True)))
                for row in rows_for(batch)
            ]
            ActivityCompletion.objects.bulk_create(objects, batch_size=5000)
            total += len(objects)
        print(f"  {total:,} completion rows", file=sys.stderr, flush=True)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(
        f"  {total:,} completion rows; built in {time.perf_counter() - started:.0f} s", flush=True
    )
    return classes


def measure(args, classes, rng) -> list[tuple[str, list[float], list[int]]]:
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import override_settings

    from courses.classes.selectors import class_progress

    sample = rng.sample(classes, min(args.samples, len(classes)))
    results = {
        "class_progress() (grid selector)": ([], []),
        "class page /classes/<id>/": ([], []),
        "teacher home /classes/": ([], []),
    }
    with override_settings(DEBUG=True, ALLOWED_HOSTS=["*"]):
        for round_number in range(args.rounds + 1):
            for classroom in sample:
                client = Client()
                client.force_login(classroom.bench_teacher)
                calls = [
                    (
                        "class_progress() (grid selector)",
                        lambda classroom=classroom: class_progress(classroom=classroom),
                    ),
                    (
                        "class page /classes/<id>/",
                        lambda client=client, classroom=classroom: client.get(
                            f"/classes/{classroom.pk}/"
                        ),
                    ),
                    ("teacher home /classes/", lambda client=client: client.get("/classes/")),
                ]
                for name, call in calls:
                    reset_queries()
                    started = time.perf_counter()
                    result = call()
                    elapsed = (time.perf_counter() - started) * 1000
                    status = getattr(result, "status_code", 200)
                    if status != 200:
                        raise SystemExit(f"{name} answered {status}")
                    if round_number:  # the first round warms the caches up, untimed
                        results[name][0].append(elapsed)
                        results[name][1].append(len(connection.queries))
    return [(name, timings, queries) for name, (timings, queries) in results.items()]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--schools", type=int, default=20)
    parser.add_argument("--classes", type=int, default=10, help="classes per school")
    parser.add_argument("--pupils", type=int, default=30, help="pupils per class")
    parser.add_argument("--courses", type=int, default=4, help="courses assigned to each class")
    parser.add_argument("--activities", type=int, default=42, help="activities per course")
    parser.add_argument("--samples", type=int, default=60, help="classes timed")
    parser.add_argument("--rounds", type=int, default=3, help="timed rounds over the sample")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--database", choices=["postgres", "sqlite"], default="postgres")
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()

    database = Database(args)
    try:
        url = database.start()
        os.environ["DATABASE_URL"] = url
        os.environ["DJANGO_SETTINGS_MODULE"] = "cms.settings.test"
        os.environ.pop("ELASTICSEARCH_URL", None)
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connection

        print(f"Migrating {connection.vendor} database...", flush=True)
        call_command("migrate", verbosity=0, interactive=False)
        call_command("load_demo", verbosity=0, stdout=io.StringIO())
        rng = random.Random(args.seed)
        print("Building...", flush=True)
        classes = build(args, rng)
        print(
            f"Timing {min(args.samples, len(classes))} classes x {args.rounds} rounds...",
            flush=True,
        )
        figures = measure(args, classes, rng)
        version = (
            connection.cursor().connection.info.server_version
            if (connection.vendor == "postgresql")
            else ""
        )
        print()
        print(f"{'call':<36}{'calls':>7}{'queries':>9}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}")
        for name, timings, queries in figures:
            spread = (
                f"{min(queries)}"
                if min(queries) == max(queries)
                else (f"{min(queries)}-{max(queries)}")
            )
            print(
                f"{name:<36}{len(timings):>7}{spread:>9}{statistics.median(timings):>9.1f}"
                f"{percentile(timings, 0.95):>9.1f}{max(timings):>9.1f}"
            )
        pupils = args.schools * args.classes * args.pupils
        activities = args.courses * args.activities
        print(
            f"\nvolume: {args.schools * args.classes} classes, {pupils:,} pupils, "
            f"{activities} activities per class, {pupils * activities:,} completion rows; "
            f"grid {args.pupils} x {activities} cells"
        )
        print(
            f"database: {connection.vendor} {version}; machine: {os.cpu_count()} CPUs, "
            f"Python {platform.python_version()}, load average {os.getloadavg()}"
        )
        connection.close()
    finally:
        database.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
