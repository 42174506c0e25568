"""Mutation score of the decision core: rules, presence, team and the day compiler.

Run: python mutation/run.py [--sample N] [--seed S] [--max-children J] [--fresh]

Needs Python 3.10 or later and the ``mutation`` extra
(``pip install -e ".[test,mutation]"``: mutmut 3). The modules and the tests
come from ``[tool.mutmut]`` in ``pyproject.toml``. mutmut copies the project
into ``mutants/`` and runs, for each mutant, only the tests that call the
mutated function, forked from a warm process. A mutant that survives gets a
second look in a new process, with the mutant on from the start and the
module's own tests (``OWN_TESTS``): mutmut's warm process has already run the
functions that run only at import, such as validator factories, unmutated.

The default is a seeded sample of 60 mutants per module (240 of about 1,800;
about 20 minutes on two cores); ``--sample 0`` runs every mutant (a few hours).
The same seed draws the same mutants while the modules do not change. The
score counts timeouts as killed and mutants no test reaches as survivors.
Survivors are printed by name; ``mutmut show NAME`` shows the change. Those
known to change no behaviour are listed in ``docs/limits.md``.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import random
import re
import subprocess
import sys
from pathlib import Path
from typing import Dict, List, Optional, Tuple

ROOT = Path(__file__).resolve().parent.parent
MODULES = ("rules", "presence", "team", "_compile")
#: mutmut's exit codes that count as a kill: a failing test, a pytest error, a timeout.
KILLED = {1, 3, 24, -24, 36, 152, 255}
#: The tests of each module, for the fresh-process second look at survivors.
OWN_TESTS = {
    "rules": ["tests/test_decision.py", "tests/test_mutants_decision.py"],
    "presence": ["tests/test_presence.py", "tests/test_mutants_presence.py"],
    "team": ["tests/test_team.py", "tests/test_mutants_team.py"],
    "_compile": [
        "tests/test_rules.py",
        "tests/test_properties.py",
        "tests/test_dst.py",
        "tests/test_horizons.py",
        "tests/test_schedule_lazy.py",
        "tests/test_mutants_schedule.py",
        "tests/test_mutants_compile.py",
    ],
}

#: Mutants that change no behaviour, with the code each must still show (so that an
#: entry goes stale, and stops counting, when its function changes) and why. The
#: same list, with the reasons in full, is in ``docs/limits.md``.
EQUIVALENT: Dict[str, Tuple[str, str]] = {
    "rules.xǁCheckǁtext__mutmut_2": ('locale: str = "EN"', "locales match case-insensitively"),
    "rules.xǁCheckǁto_dict__mutmut_2": ('locale: str = "EN"', "locales match case-insensitively"),
    "presence.x__session_key__mutmut_6": (
        "session.pages is not None,",
        "a different but still canonical order, between pages=None and an empty set only",
    ),
    "presence.xǁPagePresenceǁintervals__mutmut_42": (
        "bisect_right(bounds, first) // 3 * 2",
        "the scan starts at an earlier pair, which ends before start and is skipped",
    ),
    "presence.xǁPagePresenceǁintervals__mutmut_56": (
        "if lo > last:",
        "at lo == last nothing is added either way",
    ),
    "_compile.x__subtract__mutmut_4": (
        "if end < cut_start or start >= cut_end:",
        "a span that only touches the cut is kept whole by the other branch",
    ),
    "_compile.x__subtract__mutmut_5": (
        "if end <= cut_start or start > cut_end:",
        "a span that only touches the cut is kept whole by the other branch",
    ),
    "_compile.x__subtract__mutmut_10": (
        "if end >= cut_end:",
        "adds an empty span, which merging and compiling drop",
    ),
    "_compile.x__dated_state__mutmut_14": (
        "if first < (year, 1, 1) and last >= (year, 12, 31):",
        "differs only in a range's first year, a stretch of one year that next_change never asks about",
    ),
    "_compile.x__year_parts__mutmut_30": (
        'if "XXsomeXX" in states:',
        "a range selects some days of a year only in its first and last years, "
        "stretches of one year that next_change never asks about",
    ),
    "_compile.x_week_instants__mutmut_6": (
        "seconds=lo - 3 * DAY",
        "the walls start a day earlier; those before lo are clipped off",
    ),
    "_compile.xǁProgramǁ_stretch__mutmut_11": (
        "else (hi - 1 if hi is not None else 2001)",
        "a stretch without bounds has no rule naming years or dated years, so its year is never looked at",
    ),
    "_compile.xǁProgramǁ_stretch__mutmut_19": (
        "else MIN_YEAR - 2",
        "the first stretch ends at the first year of every holiday, school or recurrence range",
    ),
    "_compile.xǁProgramǁ_stretch__mutmut_118": (
        "product(_BOTH, repeat=3 * len(free))",
        "the same flag combinations, repeated: zip stops at the holiday kinds",
    ),
    "_compile.xǁProgramǁ_stretch__mutmut_96": (
        "if len(active) >= 3",
        "three recurrences are walked day by day instead of proven constant: slower, the same answers",
    ),
    "_compile.xǁProgramǁweek__mutmut_5": (
        "everyday = frozenset(range(8))",
        "weekday 0 is never asked about: the set is only tested with the weekdays 1 to 7",
    ),
    "_compile.xǁProgramǁstretch__mutmut_6": (
        "self._stretches[interval] = None",
        "only the cache is skipped: the stretch is worked out again, the same",
    ),
    "_compile.xǁProgramǁday__mutmut_3": ("if (day.toordinal() > 1) or True", "differs only on 0001-01-01"),
    "_compile.xǁProgramǁday__mutmut_7": ("if day.toordinal() >= 1", "differs only on 0001-01-01"),
    "_compile.xǁProgramǁday__mutmut_8": ("if day.toordinal() > 2", "differs only on 0001-01-02"),
    "_compile.xǁProgramǁdecider__mutmut_4": (
        "if (day.toordinal() > 1) or True",
        "differs only on 0001-01-01",
    ),
    "_compile.xǁProgramǁdecider__mutmut_8": ("if day.toordinal() >= 1", "differs only on 0001-01-01"),
    "_compile.xǁProgramǁdecider__mutmut_9": ("if day.toordinal() > 2", "differs only on 0001-01-02"),
    "_compile.xǁProgramǁdecider__mutmut_17": (
        "previous is not None or step.selects(previous, context)",
        "a step without a spill adds no spans either way",
    ),
}


def _squeeze(text: str) -> str:
    return " ".join(text.split())


def equivalent(name: str) -> Optional[str]:
    """Why mutant *name* changes nothing, if it is listed and still the mutant it was."""
    short = name.split(".", 1)[1]
    entry = EQUIVALENT.get(short)
    if entry is None:
        return None
    module, function = short.split(".", 1)
    text = (ROOT / "mutants" / "src" / "pageavail" / f"{module}.py").read_text("utf-8")
    found = re.search(rf"def {re.escape(function)}\(.*?(?=\n\s*(?:def |class |@)|\Z)", text, re.S)
    if found is None or _squeeze(entry[0]) not in _squeeze(found.group(0)):
        print(f"  stale entry in EQUIVALENT, not counted: {short}")
        return None
    return entry[1]


def _meta(module: str) -> Path:
    return ROOT / "mutants" / "src" / "pageavail" / f"{module}.py.meta"


def generate() -> Dict[str, List[str]]:
    """Copy the project into ``mutants/`` and write the mutants; their names per module."""
    from mutmut.__main__ import create_mutants
    from mutmut.utils.file_utils import copy_also_copy_files, copy_src_dir

    (ROOT / "mutants").mkdir(exist_ok=True)
    copy_src_dir()
    copy_also_copy_files()
    with contextlib.redirect_stdout(io.StringIO()):  # mutmut names every file it copies
        create_mutants(os.cpu_count() or 2)
    return {m: sorted(json.loads(_meta(m).read_text("utf-8"))["exit_code_by_key"]) for m in MODULES}


def fresh_run(module: str, mutant: str) -> int:
    """pytest's exit code for *module*'s own tests with *mutant* on from the start of a new process.

    mutmut forks each mutant from a process that imported the package with no
    mutant on, so a function that runs only at import (a validator factory such
    as ``_optional_template``) keeps its original result there. A new process
    with the mutant named in the environment builds even those from the mutant.
    """
    env = dict(os.environ, MUTANT_UNDER_TEST=mutant, PYTHONPATH=str(ROOT / "mutants" / "src"))
    command = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", "--no-cov"]
    try:
        done = subprocess.run(
            [*command, *OWN_TESTS[module]],
            cwd=ROOT / "mutants",
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=300,
        )
    except subprocess.TimeoutExpired:
        return 1  # as mutmut counts a timeout: the mutant made the tests hang
    return done.returncode


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, default=60, help="mutants per module; 0 for all")
    parser.add_argument("--seed", type=int, default=20261127)
    parser.add_argument("--max-children", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--fresh", action="store_true", help="remove mutants/ first (new test stats)")
    args = parser.parse_args()
    os.chdir(ROOT)
    if args.fresh and (ROOT / "mutants").exists():
        import shutil

        shutil.rmtree(ROOT / "mutants")
    names = generate()
    # mutmut collects which tests call which function once and then only for tests with
    # new names: collect afresh, so that changed tests count.
    (ROOT / "mutants" / "mutmut-stats.json").unlink(missing_ok=True)
    rng = random.Random(args.seed)
    chosen = {
        m: sorted(rng.sample(found, min(args.sample, len(found)))) if args.sample else found
        for m, found in names.items()
    }
    todo = [name for found in chosen.values() for name in found]
    # Named mutants are always run again, so the score never shows a stale verdict.
    print(f"running {len(todo)} mutants (mutmut's progress is hidden; a few minutes)", flush=True)
    command = ["mutmut", "run", "--max-children", str(args.max_children), *todo]
    if subprocess.run(command, check=False, stdout=subprocess.DEVNULL).returncode != 0:
        print("mutmut failed; `mutmut run` in this directory shows why (often a test that fails in mutants/)")
        return 1

    results = {}
    for module, found in chosen.items():
        codes = json.loads(_meta(module).read_text("utf-8"))["exit_code_by_key"]
        left = [n for n in found if codes.get(n) not in KILLED]
        reasons = {n: why for n in left for why in [equivalent(n)] if why is not None}
        unexplained = [n for n in left if n not in reasons]
        second: List[str] = []
        if unexplained:
            print(f"second look at {len(unexplained)} survivors of {module} in new processes", flush=True)
            if fresh_run(module, "") != 0:
                print(f"  the tests of {module} fail without any mutant: no second look")
            else:
                second = [n for n in unexplained if fresh_run(module, n) in (1, 2)]
        killed = [n for n in found if codes.get(n) in KILLED]
        results[module] = (found, killed, second, reasons, [n for n in unexplained if n not in second], codes)

    print(
        f"\n{'module':<10} {'mutants':>7} {'killed':>6} {'fresh':>5} {'equiv':>5} {'score':>6} {'non-eq':>6}"
    )
    total = caught = equal = 0
    for module, (found, killed, second, reasons, _, _) in results.items():
        hits = len(killed) + len(second)
        total, caught, equal = total + len(found), caught + hits, equal + len(reasons)
        print(
            f"{module:<10} {len(found):>7} {len(killed):>6} {len(second):>5} {len(reasons):>5} "
            f"{hits / len(found):>6.1%} {hits / (len(found) - len(reasons)):>6.1%}"
        )
    print(
        f"{'all':<10} {total:>7} {'':>6} {'':>5} {equal:>5} "
        f"{caught / total:>6.1%} {caught / (total - equal):>6.1%}"
    )
    print(
        "killed: by mutmut; fresh: only with the mutant on from the start of a new process; "
        "equiv: survivors listed as changing nothing; non-eq: the score without them"
    )
    for _, _, _, reasons, survived, codes in results.values():
        for name, why in sorted(reasons.items()):
            print(f"  equivalent  {name}: {why}")
        for name in survived:
            print(f"  SURVIVED    {name} (exit code {codes.get(name)}; 33: no test reaches it)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
