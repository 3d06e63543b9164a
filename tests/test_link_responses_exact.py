"""Exact located errors of casefile.model.link_responses (#18): a response's target, body and
status, and a duty's bodies and period, each problem at its file, line and column. Written
for the mutation run of link_responses.py (#17); fictional data only (tests/test_responses.py's
coroner's report)."""

from __future__ import annotations
