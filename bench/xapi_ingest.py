"""Post xAPI statements from concurrent clients to a real server and check none is lost.

    .venv/bin/python bench/xapi_ingest.py [--statements 20000] [--clients 16] [--batch 1]
        [--learners 50] [--activities 4] [--workers 3] [--retry-same-ids] [--timeout 900]
    .venv/bin/python bench/xapi_ingest.py --url http://127.0.0.1:8000 --database-url URL ...

By default everything runs on loopback and is thrown away afterwards: a PostgreSQL
cluster (``scripts/postgres.sh start``/``stop``), migrated; a course with one section and
``--activities`` quiz activities (pass score 60 %, unlimited attempts), ``--learners``
enrolled learners, each with a server-side session; and the site under gunicorn
(``--workers`` sync workers, sized for a 2-core machine).

What is measured is the production request path: gunicorn runs ``cms.settings.production``
unchanged (DEBUG off, WhiteNoise, secure cookies, SSL redirect, HSTS), with a random
SECRET_KEY, ALLOWED_HOSTS=127.0.0.1 and DATABASE_URL from the environment. The clients
behave like the TLS-terminating reverse proxy in front of it: they send
``X-Forwarded-Proto: https``, so Django sees an HTTPS request and applies its HTTPS CSRF
checks (token cookie + ``X-CSRFToken`` header + same ``Origin``); cookies marked Secure are
sent explicitly, which is what a browser does over HTTPS. Only TLS itself is left out.
``DATABASE_CONN_MAX_AGE`` follows the production default (0: one connection per request)
unless ``--conn-max-age`` says otherwise.

Each of the C clients (threads using ``http.client``) owns a disjoint set of learners
(when C <= K), as real learners each post from their own browser, and posts its share of
the N statements (one per POST, or ``--batch`` per POST): ``answered`` statements with a
unique id and a score about one of the course's quizzes, so that every statement writes
a statement row, an attempt and updates a completion row. Afterwards the database is
checked: one row per statement id sent, no other, attempts numbered 1..n per learner and
activity, one completion row per (learner, activity) pair. ``--retry-same-ids`` re-posts
1 % of the statements with the same ids and bodies and checks nothing was added. The exit
status is non-zero when anything was lost or duplicated or any answer was not 2xx.

With ``--url`` the server is yours: pass its ``--database-url`` and run with its
SECRET_KEY (and DJANGO_SETTINGS_MODULE) in the environment, since the learners' sessions
are created in that database. A fresh course and learners are created for each run, so
the checks only count this run's rows.
"""

import argparse
import contextlib
import datetime
import http.client
import json
import os
import random
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
ANSWERED = "http://adlnet.gov/expapi/verbs/answered"


@dataclass
class Learner:
    index: int
    user_pk: int
    session_key: str


@dataclass
class Fixture:
    course_pk: int
    activity_pks: list[int]
    learners: list[Learner]


@dataclass
class Post:
    """One POST: a learner and the statements (bodies) it carries."""

    learner: Learner
    statements: list[dict]


@dataclass
class PhaseResult:
    name: str
    requests: int = 0
    statements: int = 0
    elapsed: float = 0.0
    latencies_ms: list[float] = field(default_factory=list)
    statuses: Counter = field(default_factory=Counter)
    id_mismatches: int = 0
    not_sent: int = 0
    attempted: list[Post] = field(default_factory=list)  # POSTs at least started


def main() -> int:
    args = parse_args()
    # Ctrl-C and SIGTERM both unwind through the finally blocks below.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    workdir = Path(tempfile.mkdtemp(prefix="reperes-bench-xapi-"))
    gunicorn = sampler = None
    postgres_started = False
    try:
        if args.url:
            database_url = args.database_url
            base_url = args.url.rstrip("/")
        else:
            postgres_started = True  # stopping is harmless if starting failed half-way
            database_url = postgres_start()
        env = server_environment(args, database_url, workdir)
        os.environ.update(env)
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
        from django.core.management import call_command

        if not args.url:
            print("Migrating...", flush=True)
            call_command("migrate", verbosity=0, interactive=False)
        tag = uuid.uuid4().hex[:8]
        fixture = fixture_create(tag=tag, learners=args.learners, activities=args.activities)
        if not args.url:
            gunicorn, base_url = gunicorn_start(workers=args.workers, env=env, workdir=workdir)
        target = Target(base_url, forwarded_https=not args.plain_http)
        warm_up(target, fixture, rounds=4 * args.workers)

        plan = statements_plan(args, fixture, target)
        sampler = LockSampler()
        server_cpu = ServerCPU(
            [pid for pid in (gunicorn and gunicorn.pid, postmaster_pid()) if pid]
            if not args.url
            else []
        )
        cpu_before, machine_before, pg_before = os.times(), machine_cpu(), pg_counters()
        server_before = server_cpu.seconds()
        sampler.start()
        ingest = run_phase("ingest", target, plan, clients=args.clients, timeout=args.timeout)
        sampler.stop()
        cpu_after, machine_after, pg_after = os.times(), machine_cpu(), pg_counters()
        server_seconds = server_cpu.seconds() - server_before
        phases = [ingest]
        if args.retry_same_ids:
            phases.append(
                run_phase(
                    "retry",
                    target,
                    retry_plan(plan, fraction=0.01, seed=args.seed),
                    clients=args.clients,
                    timeout=args.timeout,
                )
            )

        # Statements not sent before a timeout are reported as such, not as lost.
        sent = [statement for post in ingest.attempted for statement in post.statements]
        pairs = {
            (post.learner.user_pk, activity_pk_of(statement))
            for post in ingest.attempted
            for statement in post.statements
        }
        checks = database_checks(fixture, sent_ids={s["id"] for s in sent}, pairs=pairs)
        report(
            args,
            phases=phases,
            checks=checks,
            client_cpu=(cpu_after.user + cpu_after.system) - (cpu_before.user + cpu_before.system),
            machine_busy=machine_busy_percent(machine_before, machine_after),
            server_cpu_ms=1000 * server_seconds / max(1, ingest.statements)
            if server_cpu.pids
            else None,
            pg_delta={key: pg_after[key] - pg_before[key] for key in pg_after},
            lock_samples=sampler.summary(),
        )
        if not args.no_query_probe:
            query_probe(fixture, show=args.show_queries)
        failed = [name for name, expected, found in checks if expected != found] + [
            f"{phase.name}: {reason}" for phase in phases for reason in phase_failures(phase)
        ]
        if failed:
            print("FAILED: " + "; ".join(failed))
            if gunicorn:
                print(f"gunicorn log: {workdir / 'gunicorn.log'}")
            return 1
        print("OK: every statement stored exactly once, every answer 2xx.")
        shutil.rmtree(workdir, ignore_errors=True)  # kept on failure, for the gunicorn log
        return 0
    except KeyboardInterrupt:
        print("Interrupted.", file=sys.stderr)
        return 130
    finally:
        if sampler is not None:
            sampler.stop()
        if gunicorn is not None:
            gunicorn.terminate()
            try:
                gunicorn.wait(timeout=15)
            except subprocess.TimeoutExpired:
                gunicorn.kill()
                gunicorn.wait()
        if "django" in sys.modules:
            from django.db import connections

            connections.close_all()
        if postgres_started:
            subprocess.run([ROOT / "scripts" / "postgres.sh", "stop"], check=False)  # noqa: S603


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--statements", "-n", type=int, default=20_000, help="N statements")
    parser.add_argument("--clients", "-c", type=int, default=16, help="C concurrent clients")
    parser.add_argument("--batch", type=int, default=1, help="statements per POST")
    parser.add_argument("--learners", type=int, default=50, help="K enrolled learners")
    parser.add_argument("--activities", type=int, default=4, help="quiz activities")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn sync workers")
    parser.add_argument(
        "--conn-max-age",
        type=int,
        default=None,
        help="DATABASE_CONN_MAX_AGE for the server (default: the environment's, else 0)",
    )
    parser.add_argument("--timeout", type=float, default=3600, help="seconds per phase")
    parser.add_argument("--retry-same-ids", action="store_true", help="re-post 1%% of ids")
    parser.add_argument("--seed", type=int, default=4, help="seed for activities and scores")
    parser.add_argument("--url", default="", help="target a running server instead")
    parser.add_argument("--database-url", default="", help="its database (with --url)")
    parser.add_argument(
        "--plain-http",
        action="store_true",
        help="with --url: no X-Forwarded-Proto header (a server not behind a TLS proxy)",
    )
    parser.add_argument("--no-query-probe", action="store_true", help="skip the query count")
    parser.add_argument("--show-queries", action="store_true", help="print the probe's SQL")
    args = parser.parse_args()
    if args.url and not args.database_url:
        parser.error("--url needs --database-url (the checks read the database)")
    if args.url and not os.environ.get("SECRET_KEY"):
        parser.error("--url needs the server's SECRET_KEY in the environment (sessions)")
    if min(args.statements, args.clients, args.batch, args.learners, args.activities) < 1:
        parser.error("counts must be positive")
    return args


# Set-up: database, fixture, server.


def postgres_start() -> str:
    subprocess.run([ROOT / "scripts" / "postgres.sh", "start"], check=True)  # noqa: S603
    values = dict(
        line.split("=", 1)
        for line in (ROOT / ".cache" / "postgres" / "current.env").read_text().splitlines()
        if "=" in line
    )
    return values["DATABASE_URL"]


def server_environment(args, database_url: str, workdir: Path) -> dict[str, str]:
    env = {
        "DJANGO_SETTINGS_MODULE": os.environ.get(
            "DJANGO_SETTINGS_MODULE", "cms.settings.production"
        ),
        "DATABASE_URL": database_url,
        "SECRET_KEY": os.environ.get("SECRET_KEY") if args.url else secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": os.environ.get("ALLOWED_HOSTS", "127.0.0.1"),
        "STATIC_ROOT": str(workdir),  # exists: WhiteNoise warns about a missing one
        "MEDIA_ROOT": str(workdir / "media"),
        "LOG_LEVEL": os.environ.get("LOG_LEVEL", "WARNING"),
    }
    if args.conn_max_age is not None:
        env["DATABASE_CONN_MAX_AGE"] = str(args.conn_max_age)
    os.environ.pop("ELASTICSEARCH_URL", None)
    return env


def fixture_create(*, tag: str, learners: int, activities: int) -> Fixture:
    """A course, one section, quizzes and enrolled learners with server-side sessions."""
    from django.contrib.auth import (
        BACKEND_SESSION_KEY,
        HASH_SESSION_KEY,
        SESSION_KEY,
        get_user_model,
    )
    from django.contrib.sessions.backends.db import SessionStore
    from wagtail.models import Site

    from courses.factories import (
        CourseIndexPageFactory,
        CoursePageFactory,
        CourseSectionPageFactory,
        QuizActivityFactory,
    )
    from courses.models import CompletionRule
    from courses.structure.services import enrolment_create

    root = Site.objects.get(is_default_site=True).root_page
    index = CourseIndexPageFactory(parent=root, title=f"Banc xAPI {tag}", slug=f"banc-{tag}")
    course = CoursePageFactory(parent=index, title=f"Parcours banc {tag}")
    section = CourseSectionPageFactory(parent=course, title="Section unique")
    quizzes = [
        QuizActivityFactory(
            parent=section, completion_rule=CompletionRule.PASSED, pass_score=60, max_attempts=0
        )
        for _ in range(activities)
    ]
    result = []
    for index_ in range(learners):
        user = get_user_model().objects.create_user(username=f"banc-{tag}-{index_}")
        enrolment_create(course=course, user=user)
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        result.append(Learner(index=index_, user_pk=user.pk, session_key=session.session_key))
    return Fixture(course_pk=course.pk, activity_pks=[quiz.pk for quiz in quizzes], learners=result)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def gunicorn_start(*, workers: int, env: dict, workdir: Path):
    port = free_port()
    log = (workdir / "gunicorn.log").open("w")
    process = subprocess.Popen(  # noqa: S603
        [
            VENV_BIN / "gunicorn",
            "cms.wsgi",
            "--workers",
            str(workers),
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            "--timeout",
            "120",
        ],
        cwd=ROOT,
        env={**os.environ, **env},
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # stopped by us, after the clients, before PostgreSQL
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"gunicorn exited:\n{(workdir / 'gunicorn.log').read_text()}")
        with contextlib.suppress(OSError):
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return process, f"http://127.0.0.1:{port}"
        time.sleep(0.2)
    process.terminate()
    raise SystemExit("gunicorn did not listen within 60 s")


# Clients.


class Target:
    """Where and how to post: headers a browser behind the TLS proxy would send."""

    def __init__(self, base_url: str, *, forwarded_https: bool):
        parts = urlsplit(base_url)
        if parts.scheme != "http":
            raise SystemExit("--url must be http://host:port (the benchmark stays on loopback)")
        self.host, self.port = parts.hostname, parts.port or 80
        self.base_url = base_url
        scheme = "https" if forwarded_https else "http"
        self.origin = f"{scheme}://{parts.netloc}"
        self.forwarded_https = forwarded_https

    def headers(self, learner: Learner, csrf_token: str) -> dict[str, str]:
        headers = {
            "Content-Type": "application/json",
            "X-Experience-API-Version": "1.0.3",
            "Cookie": f"sessionid={learner.session_key}; csrftoken={csrf_token}",
            "X-CSRFToken": csrf_token,
            "Origin": self.origin,
            "Referer": f"{self.origin}/",
        }
        if self.forwarded_https:
            headers["X-Forwarded-Proto"] = "https"
        return headers


def warm_up(target: Target, fixture: Fixture, *, rounds: int) -> None:
    """Authenticated GETs of a missing statement: every worker loads its URLconf and apps."""
    connection = http.client.HTTPConnection(target.host, target.port, timeout=30)
    for round_ in range(rounds):
        learner = fixture.learners[round_ % len(fixture.learners)]
        connection.request(
            "GET",
            f"/xapi/statements?statementId={uuid.uuid4()}",
            headers=target.headers(learner, secrets.token_hex(16)),
        )
        response = connection.getresponse()
        response.read()
        if response.status != 404:
            raise SystemExit(f"warm-up GET answered {response.status}, expected 404")
    connection.close()


def activity_pk_of(statement: dict) -> int:
    return int(statement["object"]["id"].rsplit("/", 1)[1])


def statements_plan(args, fixture: Fixture, target: Target) -> list[list[Post]]:
    """Each client's POSTs: its share of N, over its own learners, in batches of B."""
    rng = random.Random(args.seed)
    clients, learners = args.clients, fixture.learners
    if clients > len(learners):
        print(
            f"note: {clients} clients for {len(learners)} learners: learners are shared, "
            "so their completion rows are contended",
            flush=True,
        )
    plan = []
    for client in range(clients):
        own = (
            learners[client::clients]
            if clients <= len(learners)
            else [learners[client % len(learners)]]
        )
        remaining = args.statements // clients + (client < args.statements % clients)
        posts = []
        while remaining:
            size = min(args.batch, remaining)
            learner = own[len(posts) % len(own)]
            posts.append(Post(learner, [statement_body(rng, fixture, target) for _ in range(size)]))
            remaining -= size
        plan.append(posts)
    return plan


def statement_body(rng: random.Random, fixture: Fixture, target: Target) -> dict:
    raw = rng.randint(2, 10)
    activity_pk = rng.choice(fixture.activity_pks)
    return {
        "id": str(uuid.uuid4()),
        "verb": {"id": ANSWERED, "display": {"fr-FR": "a répondu"}},
        "object": {
            "id": f"{target.origin}/xapi/activities/{activity_pk}",
            "objectType": "Activity",
        },
        "result": {
            "score": {"scaled": raw / 10, "raw": raw, "min": 0, "max": 10},
            "success": raw >= 6,
            "completion": True,
        },
        "timestamp": datetime.datetime.now(datetime.UTC).isoformat(),
    }


def retry_plan(plan: list[list[Post]], *, fraction: float, seed: int) -> list[list[Post]]:
    """Re-post about ``fraction`` of the statements, same learner, id and body."""
    rng = random.Random(seed + 1)
    retried = []
    for posts in plan:
        singles = [Post(post.learner, [s]) for post in posts for s in post.statements]
        retried.append(rng.sample(singles, max(1, round(len(singles) * fraction))))
    return retried


def run_phase(
    name: str, target: Target, plan: list[list[Post]], *, clients: int, timeout: float
) -> PhaseResult:
    stop = threading.Event()
    results = [PhaseResult(name) for _ in plan]

    def client(index: int) -> None:
        result, csrf_token = results[index], secrets.token_hex(16)
        connection = http.client.HTTPConnection(target.host, target.port, timeout=60)
        for number, post in enumerate(plan[index]):
            if stop.is_set():
                result.not_sent += sum(len(p.statements) for p in plan[index][number:])
                break
            result.attempted.append(post)
            sent_ids = [s["id"] for s in post.statements]
            body = json.dumps(post.statements if len(post.statements) > 1 else post.statements[0])
            started = time.perf_counter()
            try:
                connection.request(
                    "POST",
                    "/xapi/statements",
                    body=body.encode(),
                    headers=target.headers(post.learner, csrf_token),
                )
                response = connection.getresponse()
                payload = response.read()
            except (OSError, http.client.HTTPException) as error:
                # Not retried: a retry could hide a statement the server lost.
                result.statuses[type(error).__name__] += 1
                connection.close()
                continue
            result.latencies_ms.append((time.perf_counter() - started) * 1000)
            result.statuses[response.status] += 1
            result.requests += 1
            result.statements += len(sent_ids)
            if response.status == 200 and json.loads(payload) != sent_ids:
                result.id_mismatches += 1
        connection.close()

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients, thread_name_prefix=name) as pool:
        futures = [pool.submit(client, index) for index in range(len(plan))]
        deadline = started + timeout
        try:
            for future in futures:
                future.result(timeout=max(0.0, deadline - time.perf_counter()))
        except TimeoutError:
            print(f"{name}: timeout after {timeout:.0f} s, stopping the clients", flush=True)
        finally:
            stop.set()
    merged = PhaseResult(name, elapsed=time.perf_counter() - started)
    for result in results:
        merged.requests += result.requests
        merged.statements += result.statements
        merged.latencies_ms += result.latencies_ms
        merged.statuses += result.statuses
        merged.id_mismatches += result.id_mismatches
        merged.not_sent += result.not_sent
        merged.attempted += result.attempted
    return merged


def phase_failures(phase: PhaseResult) -> list[str]:
    failures = []
    bad = {status: n for status, n in phase.statuses.items() if not str(status).startswith("2")}
    if bad:
        failures.append(f"non-2xx answers {bad}")
    if phase.id_mismatches:
        failures.append(f"{phase.id_mismatches} answers with other ids than sent")
    if phase.not_sent:
        failures.append(f"{phase.not_sent} statements not sent before the timeout")
    return failures


# Measures around the run.


class LockSampler:
    """Samples pg_stat_activity every 100 ms: how many backends wait on a lock."""

    def __init__(self):
        self.samples: list[int] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()

    def _run(self) -> None:
        from django.db import DatabaseError, connection

        try:
            with connection.cursor() as cursor:
                while not self._stop.wait(0.1):
                    cursor.execute(
                        "SELECT count(*) FROM pg_stat_activity "
                        "WHERE wait_event_type = 'Lock' AND datname = current_database()"
                    )
                    self.samples.append(cursor.fetchone()[0])
        except DatabaseError:
            pass  # the run was interrupted and PostgreSQL is going away
        finally:
            connection.close()

    def summary(self) -> str:
        if not self.samples:
            return "n/a"
        waiting = sum(1 for n in self.samples if n)
        return (
            f"{waiting}/{len(self.samples)} samples with a backend waiting on a lock "
            f"(max {max(self.samples)} at once)"
        )


class ServerCPU:
    """CPU seconds used by process trees (gunicorn, PostgreSQL), exited children included."""

    def __init__(self, pids: list[int]):
        self.pids = pids
        self.tick = os.sysconf("SC_CLK_TCK")

    @staticmethod
    def _stat(pid: int) -> list[str] | None:
        try:
            text = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            return None
        return text.rsplit(")", 1)[1].split()  # fields from the state on

    def seconds(self) -> float:
        stats = {}
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit() and (fields := self._stat(int(entry.name))):
                stats[int(entry.name)] = fields
        ticks = 0
        for pid in self.pids:
            # utime, stime, cutime, cstime: a parent's c* fields hold its reaped children.
            ticks += sum(int(v) for v in stats.get(pid, ["0"] * 20)[11:15])
            for fields in stats.values():
                if int(fields[1]) == pid:
                    ticks += sum(int(v) for v in fields[11:15])
        return ticks / self.tick


def postmaster_pid() -> int | None:
    env = ROOT / ".cache" / "postgres" / "current.env"
    with contextlib.suppress(OSError, KeyError, ValueError, IndexError):
        values = dict(line.split("=", 1) for line in env.read_text().splitlines() if "=" in line)
        pid_file = Path(values["POSTGRES_RUN_DIR"]) / "data" / "postmaster.pid"
        return int(pid_file.read_text().split()[0])
    return None


def machine_cpu() -> tuple[int, int]:
    """(busy, total) jiffies of the whole machine, from /proc/stat."""
    try:
        fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    except OSError:
        return 0, 0
    idle = fields[3] + fields[4]
    return sum(fields) - idle, sum(fields)


def machine_busy_percent(before, after) -> float:
    total = after[1] - before[1]
    return 100 * (after[0] - before[0]) / total if total else 0.0


def pg_counters() -> dict[str, int]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT xact_commit, xact_rollback, deadlocks, tup_inserted, tup_updated "
            "FROM pg_stat_database WHERE datname = current_database()"
        )
        names = ["commits", "rollbacks", "deadlocks", "rows inserted", "rows updated"]
        return dict(zip(names, cursor.fetchone(), strict=True))


def database_checks(fixture: Fixture, *, sent_ids: set[str], pairs: set) -> list[tuple]:
    """(check, expected, found) rows; the run failed if any differs."""
    from django.db.models import Count, F, Max, OuterRef, Subquery

    from courses.models import ActivityCompletion, Attempt, XapiStatement

    statements = XapiStatement.objects.filter(activity_id__in=fixture.activity_pks)
    stored_ids = {str(i) for i in statements.values_list("statement_id", flat=True)}
    attempts = Attempt.objects.filter(activity_id__in=fixture.activity_pks)
    per_pair = attempts.values("user", "activity").annotate(n=Count("id"), top=Max("number"))
    completions = ActivityCompletion.objects.filter(activity_id__in=fixture.activity_pks)
    actual_count = Subquery(
        Attempt.objects.filter(user=OuterRef("user"), activity=OuterRef("activity"))
        .values("user")
        .annotate(n=Count("id"))
        .values("n")
    )
    stale_counts = completions.annotate(actual=actual_count).exclude(attempt_count=F("actual"))
    return [
        ("courses_xapistatement rows", len(sent_ids), statements.count()),
        ("distinct statement_id", len(sent_ids), statements.values("statement_id").distinct().count()),
        ("statement ids sent but missing", 0, len(sent_ids - stored_ids)),
        ("statement ids stored but not sent", 0, len(stored_ids - sent_ids)),
        ("attempts rows", len(sent_ids), attempts.count()),
        ("attempts linked to distinct statements", len(sent_ids), attempts.values("statement").distinct().count()),
        ("(learner, activity) with gaps in numbers", 0, sum(1 for p in per_pair if p["n"] != p["top"])),
        ("courses_activitycompletion rows", len(pairs), completions.count()),
        ("completions with a stale attempt_count", 0, stale_counts.count()),
    ]  # fmt: skip


def query_probe(fixture: Fixture, *, show: bool) -> None:
    """SQL queries for one more statement, in-process through the same view and middleware."""
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    user = get_user_model().objects.get(pk=fixture.learners[0].user_pk)
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    target = Target("http://127.0.0.1", forwarded_https=True)
    rng = random.Random(0)
    for label in ("existing history", "first attempt"):
        if label == "first attempt":
            user = get_user_model().objects.create_user(username=f"banc-sonde-{uuid.uuid4().hex}")
            client.force_login(user)
        body = statement_body(rng, fixture, target)
        with CaptureQueriesContext(connection) as queries:
            response = client.post(
                "/xapi/statements",
                json.dumps(body),
                content_type="application/json",
                secure=True,
                HTTP_X_EXPERIENCE_API_VERSION="1.0.3",
            )
        if response.status_code != 200:
            print(f"query probe: answered {response.status_code}")
            return
        print(f"SQL queries per statement ({label}): {len(queries)}")
        if show:
            for query in queries.captured_queries:
                print(f"    {query['sql'][:160]}")


def pg_version() -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        return cursor.fetchone()[0].split()[0]


def report(
    args, *, phases, checks, client_cpu, machine_busy, server_cpu_ms, pg_delta, lock_samples
) -> None:
    print()
    print(
        f"xAPI ingest: N={args.statements} C={args.clients} batch={args.batch} "
        f"learners={args.learners} activities={args.activities} "
        f"server={'gunicorn --workers ' + str(args.workers) if not args.url else args.url} "
        f"PostgreSQL {pg_version()}"
    )
    print(
        f"{'phase':<8}{'requests':>9}{'stmts':>7}{'elapsed s':>10}{'stmts/s':>9}"
        f"{'p50 ms':>8}{'p95 ms':>8}{'p99 ms':>8}  statuses"
    )
    for phase in phases:
        lat = phase.latencies_ms
        p50, p95, p99 = (
            (statistics.median(lat), *statistics.quantiles(lat, n=100)[94::4])
            if len(lat) > 1
            else (lat or [0.0]) * 3
        )
        statuses = " ".join(
            f"{status}x{n}" for status, n in sorted(phase.statuses.items(), key=str)
        )
        print(
            f"{phase.name:<8}{phase.requests:>9}{phase.statements:>7}{phase.elapsed:>10.1f}"
            f"{phase.statements / phase.elapsed:>9.1f}{p50:>8.1f}{p95:>8.1f}{p99:>8.1f}  {statuses}"
        )
    print()
    print(f"{'check':<42}{'expected':>9}{'found':>9}")
    for name, expected, found in checks:
        print(f"{name:<42}{expected:>9}{found:>9}  {'ok' if expected == found else 'FAIL'}")
    print()
    print(
        f"during ingest: machine CPU busy {machine_busy:.0f}%, client process CPU {client_cpu:.1f} s"
    )
    if server_cpu_ms is not None:
        print(f"server CPU per statement (gunicorn + PostgreSQL): {server_cpu_ms:.1f} ms")
    print("PostgreSQL: " + ", ".join(f"{key} {value}" for key, value in pg_delta.items()))
    print(f"lock waits: {lock_samples}")


if __name__ == "__main__":
    sys.exit(main())
