"""The default policy of issue 14: a shipped rule runs by default, at its own severity, only when
it was measured on published copy and found right.

    on    when it made no finding on ../shared/corpus (every rule turned on), or at least
          MIN_REVIEWED of its findings there are reviewed, none is left unreviewed, and at least
          MIN_PRECISION of the reviewed ones are true;
    else  it ships `default: off` or `default: hint` (severity info), and its `default_reason`
          quotes the measure it rests on as "TRUE/REVIEWED" (e.g. "6/6 true"), so that a reason
          no longer true of the corpus (more findings reviewed, precision changed) fails the check.

A rule that is off or a hint although it now meets the policy fails too: turn it on. accuracy.py
--check (the ctest `accuracy`) applies `check`; policy_test.py tests it without the corpus.
"""
import re

MIN_REVIEWED = 20
MIN_PRECISION = 0.9


def reviewed(t):
    return t.get("true", 0) + t.get("false", 0)


def figure(t):
    """The measure a default_reason quotes: "TRUE/REVIEWED"."""
    return f"{t.get('true', 0)}/{reviewed(t)}"


def meets(t):
    """Whether a rule's measure {findings, true, false, unreviewed} allows it on by default."""
    if t.get("findings", 0) == 0:
        return True
    n = reviewed(t)
    return t.get("unreviewed", 0) == 0 and n >= MIN_REVIEWED and t.get("true", 0) / n >= MIN_PRECISION


def verdict(t):
    """What the measure allows, in words, for the report."""
    if t.get("findings", 0) == 0:
        return "on (none fired)"
    if meets(t):
        return f"on ({figure(t)} true)"
    why = []
    if t.get("unreviewed", 0):
        why.append(f"{t['unreviewed']} unreviewed")
    if reviewed(t) < MIN_REVIEWED:
        why.append(f"{reviewed(t)} reviewed < {MIN_REVIEWED}")
    if reviewed(t) and t.get("true", 0) / reviewed(t) < MIN_PRECISION:
        why.append(f"precision {t['true'] / reviewed(t):.0%} < {MIN_PRECISION:.0%}")
    return f"off or hint ({figure(t)} true; " + ", ".join(why) + ")"


def quotes(reason, fig):
    """Whether `reason` quotes the figure `fig` as a whole ("6/6", not "16/6" or "6/60")."""
    return re.search(r"(?<![0-9])" + re.escape(fig) + r"(?![0-9])", reason) is not None


def check(rules, tallies):
    """Failures of the policy: `rules` is {id: `tally rules --format json` entry}, `tallies`
    {id: measure}; a rule absent from `tallies` made no finding."""
    failures = []
    for rule_id, r in sorted(rules.items()):
        t = tallies.get(rule_id, {})
        default = r.get("default", "on")
        reason = (r.get("default_reason") or {}).get("en") or \
            (r.get("default_reason") or {}).get("", "")
        if default == "on" and not meets(t):
            failures.append(f"{rule_id}: on by default but the corpus measure does not allow it: "
                            f"{verdict(t)}; ship it `default: off` or `default: hint` with a "
                            f"default_reason quoting {figure(t)}")
        elif default != "on" and meets(t):
            failures.append(f"{rule_id}: {default} by default but it meets the policy now "
                            f"({verdict(t)}): turn it on")
        elif default != "on" and not quotes(reason, figure(t)):
            failures.append(f"{rule_id}: default_reason is stale: it does not quote the measure "
                            f"{figure(t)} ({verdict(t)}): {reason!r}")
    return failures
