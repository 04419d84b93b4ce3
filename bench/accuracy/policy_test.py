#!/usr/bin/env python3
"""Tests of the default policy (policy.py) on made-up measures: no corpus and no build needed.

    python3 bench/accuracy/policy_test.py        # the ctest `accuracy_policy`
"""
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import policy  # noqa: E402


def rule(default="on", reason=""):
    return {"default": default, "default_reason": {"en": reason} if reason else {}}


def measure(true, false, unreviewed=0):
    return {"findings": true + false + unreviewed, "true": true, "false": false,
            "unreviewed": unreviewed}


class Policy(unittest.TestCase):
    def test_on_when_none_fired_or_measured_right(self):
        self.assertEqual(policy.check({"a.none": rule(), "a.good": rule()},
                                      {"a.good": measure(19, 2)}), [])

    def test_on_without_enough_reviewed_findings_fails(self):
        (f,) = policy.check({"a.few": rule()}, {"a.few": measure(6, 0)})
        self.assertIn("a.few: on by default", f)
        self.assertIn("6 reviewed < 20", f)
        self.assertIn("quoting 6/6", f)

    def test_on_below_precision_fails(self):
        (f,) = policy.check({"a.noisy": rule()}, {"a.noisy": measure(49, 8)})
        self.assertIn("precision 86% < 90%", f)

    def test_unreviewed_findings_keep_a_rule_from_on(self):
        (f,) = policy.check({"a.open": rule()}, {"a.open": measure(30, 0, unreviewed=1)})
        self.assertIn("1 unreviewed", f)

    def test_off_or_hint_quotes_its_measure(self):
        rules = {"a.hint": rule("hint", "measured 6/6 true, fewer than 20 reviewed"),
                 "a.off": rule("off", "49/57 true on the corpus")}
        self.assertEqual(policy.check(rules, {"a.hint": measure(6, 0),
                                              "a.off": measure(49, 8)}), [])

    def test_stale_reason_fails(self):
        rules = {"a.hint": rule("hint", "measured 6/6 true")}
        (f,) = policy.check(rules, {"a.hint": measure(7, 0)})
        self.assertIn("a.hint: default_reason is stale", f)
        self.assertIn("7/7", f)
        # "16/6" does not quote 6/6
        self.assertTrue(policy.check({"a.x": rule("off", "16/60")}, {"a.x": measure(6, 0)}))

    def test_off_although_it_meets_the_policy_fails(self):
        (f,) = policy.check({"a.off": rule("off", "0/0")}, {})
        self.assertIn("a.off: off by default but it meets the policy now", f)
        (f,) = policy.check({"a.hint": rule("hint", "20/20")}, {"a.hint": measure(20, 0)})
        self.assertIn("turn it on", f)


if __name__ == "__main__":
    unittest.main()
