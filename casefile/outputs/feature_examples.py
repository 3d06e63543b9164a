"""The fictional partnership case whose files the How to edit page quotes for the newer
fields: oversight levels, dates in words, reported outcomes and progress notes, next steps, money
kinds, several bodies, mirrors and second-hand sources, sources that differ, responses
and duties to respond, and figures over time.

It is part of the example data set (``casefile.outputs.examples``): tests check that
every YAML block of the page is a verbatim excerpt of these files and that the whole set
passes ``casefile check``; some of the page's common mistakes are made in these files.
Nothing here is real: every body, document and event is invented.
"""

from __future__ import annotations

CASE = "northshire-partnership"
RECORDS = f"data/cases/{CASE}/records"
INSPECTION_PATH = f"{RECORDS}/northshire-2021-inspection.yml"
ESCALATION_PATH = f"{RECORDS}/northshire-2022-escalation.yml"
CASE_PATH = f"data/cases/{CASE}/case.yml"
REPORT_PATH = "data/sources/northshire-inspection-report.yml"
MIRROR_PATH = "data/sources/northshire-report-mirror.yml"
RESPONSE_PATH = f"{RECORDS}/northshire-2021-police-response.yml"
LETTER_PATH = f"{RECORDS}/northshire-2021-trust-letter.yml"

FILES = {
    "data/vocabulary.yml": """\
record_types:
  - value: panel_hearing
    label: Panel hearing
    description: A hearing before an example panel.
  - value: panel_report
    label: Panel report
    description: A report of an example panel, with recommendations.
    respond:              # EXAMPLE ONLY: a duty to respond its records carry
      within: 2
      unit: months        # calendar_days, working_days, weeks, months or years
      from: event         # the record's date (the default), or publication
oversight_frameworks:
  - id: example-review
    name: Example regional review
    overseer: Example Regional Assembly
    most_serious: first
    levels:
      - value: serious_concern
        label: Serious concern
      - value: no_concern
        label: No concern
""",
    "data/bodies/example-borough-council.yml": """\
id: example-borough-council
kind: local_authority
names:
  - name: Example Borough Council
""",
    "data/bodies/northshire-police.yml": """\
id: northshire-police
kind: police
names:
  - name: Northshire Police
variant_names: [Northshire Constabulary, Northshire Police Service]
""",
    "data/bodies/northshire-health-trust.yml": """\
id: northshire-health-trust
kind: health
names:
  - name: Northshire Health Trust
parent: example-government     # the body it is part of
""",
    "data/bodies/example-government.yml": """\
id: example-government
kind: government
names:
  - name: Example Government
""",
    "data/bodies/northshire-mayor.yml": """\
id: northshire-mayor
kind: elected_overseer
names:
  - name: Mayor of Northshire
""",
    "data/bodies/northshire-inspectorate.yml": """\
id: northshire-inspectorate
kind: regulator
names:
  - name: Northshire Inspectorate
grades:
  - value: outstanding
    label: Outstanding
  - value: good
    label: Good
  - value: requires_improvement
    label: Requires improvement to be good
  - value: inadequate
    label: Inadequate
""",
    REPORT_PATH: """\
id: northshire-inspection-report
title: "EXAMPLE ONLY: inspection of the Northshire partnership"
publisher: northshire-inspectorate
kind: report
published: 2021-06-05
url: https://example.org/northshire-inspection-report
accessed: 2024-01-15
language: en
sources_differ:
  published:
    values:
      - value: 2021-06-06
        cite: [{source: northshire-press-article, quote: "published on Sunday"}]
    chosen: 2021-06-05      # the field's own value again; or: unsettled: true
    reason: The inspectorate's own page gives the 5th.
""",
    "data/sources/northshire-press-article.yml": """\
id: northshire-press-article
title: "EXAMPLE ONLY: inspectors criticise partnership"
publisher_note: A fictional local newspaper.
kind: news_article
published: 2021-06-06
language: en
second_hand: true              # it reports what the inspectorate found
""",
    MIRROR_PATH: """\
id: northshire-report-mirror
title: "EXAMPLE ONLY: inspection of the Northshire partnership (copy)"
publisher: northshire-mayor
kind: web_page
published: no date shown
language: en
original: northshire-inspection-report   # a mirror or repost of that source
""",
    "data/sources/northshire-mayor-letter.yml": """\
id: northshire-mayor-letter
title: "EXAMPLE ONLY: letter from the mayor"
publisher: northshire-mayor
kind: letter
published: autumn 2022
language: en
""",
    "data/sources/northshire-escalation-letter.yml": """\
id: northshire-escalation-letter
title: "EXAMPLE ONLY: letter on escalation"
publisher: example-government
kind: letter
published: 2022-03-01
language: en
""",
    CASE_PATH: f"""\
id: {CASE}
title: "EXAMPLE ONLY: Northshire safeguarding partnership"
subject: [northshire-police, northshire-health-trust]   # or one id; the first is the main one
partners: [example-borough-council]     # their claims count as own claims
overseers: [northshire-mayor]           # a department, mayor or commissioner
service: Safeguarding partnership
regulators: [northshire-inspectorate]
legal_basis: The law under which the inspectorate acts
status: open
reviewed: 2024-01-15
summary: A fictional case, for the worked examples of the How to edit page.
themes: [partnership]
jurisdiction: GB-ENG
money:
  - amount: 2000000
    currency: GBP
    kind: loan             # budget, overspend, savings_target, savings_achieved,
                           # loan, repayment, grant or other
    for: A loan to the partnership. EXAMPLE ONLY
    cite: [northshire-mayor-letter]
cite: [northshire-inspection-report]
""",
    INSPECTION_PATH: """\
id: northshire-2021-inspection
type: inspection
title: "EXAMPLE ONLY: inspection"
date: spring 2021
published: 2021-06-05
body: northshire-inspectorate
summary: Inspectors found that partners did not share information.
cite: [northshire-inspection-report]
ratings:
  - grade: requires_improvement
    cite: [northshire-inspection-report]
  - area: Leadership
    grade: inadequate
    cite: [northshire-inspection-report]
requirements:
  - id: req-northshire-plan
    text: Send an improvement plan. EXAMPLE ONLY
    due:
      within: 20
      unit: working_days   # or calendar_days, weeks, months, years
      from: publication    # or event
    fulfilled_by: northshire-2022-escalation
    reported:
      outcome: partly_met           # or met_on_time, met_late, met, not_met,
      by: northshire-mayor          #    suspended, superseded, not_reported
      cite: [northshire-mayor-letter]
    cite: [northshire-inspection-report]
  - id: req-northshire-sharing
    text: Share information between partners. EXAMPLE ONLY
    due:
      date: by the end of autumn 2022
    progress:
      - date: 2022-03
        note: The mayor says a data-sharing agreement has been drafted.
        cite: [northshire-mayor-letter]
    cite: [northshire-inspection-report]
  - id: req-northshire-safety
    text: Make the custody suite safe. EXAMPLE ONLY
    due:
      date: immediately    # due on the record's own date
    cite: [northshire-inspection-report]
respond:
  by: [northshire-police, northshire-health-trust]   # each counted separately
  within: 3
  unit: months
  from: publication
  as_written: within three months of publication
""",
    RESPONSE_PATH: """\
id: northshire-2021-police-response
type: government_response
title: "EXAMPLE ONLY: police response to the inspection"
date: 2021-08-20
body: northshire-police
summary: The police replied to the inspection's requirements.
cite: [northshire-police-reply]
responses:
  - to: req-northshire-sharing      # a finding's or requirement's id
    status: accepted_in_part        # accepted, accepted_in_principle, under_consideration,
                                    # noted, rejected (or a site's own)
    note: Agrees to share data, not case files. EXAMPLE ONLY
    cite:
      - source: northshire-police-reply
        quote: We accept the need to share data, but not case files.
""",
    LETTER_PATH: """\
id: northshire-2021-trust-letter
type: government_response
title: "EXAMPLE ONLY: the health trust's reply to the inspection"
date: 2021-09-01
body: northshire-health-trust
summary: The trust replied to the report as a whole, with no status for each requirement.
cite: [northshire-trust-reply]
answers: northshire-2021-inspection   # this record is its body's reply to that report
figures:
  - indicator: staff-in-post
    value: 412
    date: 2021-08-31          # the day, month or year the value applies to
    cite:
      - source: northshire-trust-reply
        quote: We had 412 staff in post on 31 August.
  - indicator: posts-filled-permanently
    value: 91.5               # digits only: the indicator's unit says per cent
    date: 2021-08
    approximate: true         # the source says "about"
    cite: [northshire-trust-reply]
  - indicator: working-days-lost
    value: 240
    date: 2021-04             # a value over a period: its first month...
    until: 2021-06            # ...and its last
    note: Working days lost to sickness absence in the quarter. EXAMPLE ONLY
    cite: [northshire-trust-reply]
""",
    "data/indicators.yml": """\
indicators:
  - id: staff-in-post
    name: Staff in post
    unit: people              # people, per_cent, days, cases, count or money
    description: Staff employed on the day, counted by head. EXAMPLE ONLY
  - id: posts-filled-permanently
    name: Posts filled by permanent staff
    unit: per_cent
  - id: working-days-lost
    name: Working days lost to sickness
    unit: days
  - id: example-overspend
    name: Overspend
    unit: money
    currency: GBP             # a money indicator gives its currency
""",
    "data/sources/northshire-trust-reply.yml": """\
id: northshire-trust-reply
title: "EXAMPLE ONLY: the health trust's letter to the inspectorate"
publisher: northshire-health-trust
kind: letter
published: 2021-09-01
language: en
""",
    "data/sources/northshire-police-reply.yml": """\
id: northshire-police-reply
title: "EXAMPLE ONLY: reply to the inspectorate"
publisher: northshire-police
kind: letter
published: 2021-08-20
language: en
""",
    ESCALATION_PATH: """\
id: northshire-2022-escalation
type: intervention
title: "EXAMPLE ONLY: escalation"
date: 2022-03-01
body: example-government
summary: NHS England moved the health trust to segment 4.
cite: [northshire-escalation-letter]
oversight:
  - framework: nhs-england-oversight
    level: segment_4
    effective: 2022-03-07
    body: northshire-health-trust   # the body moved, when not the case's main subject
    cite: [northshire-escalation-letter]
next:
  - text: The trust sends a recovery plan to the government. EXAMPLE ONLY
    date: 2022-06              # expected by, as the source gives it; leave out if none
    # reported_in: northshire-2022-plan   # a later record that reports what happened
    cite: [northshire-escalation-letter]
statements:
  - speaker: A spokesperson
    body: northshire-police
    date: no date shown
    quote: We welcome the plan. EXAMPLE ONLY
    cite: [northshire-report-mirror]
""",
}

# Common mistakes in the newer fields, for the How to edit page: (title, file, the text
# as the example has it, the text with the mistake made).
MISTAKES = (
    ("A level the framework does not have", ESCALATION_PATH, "level: segment_4",
     "level: segment 4"),
    ("A date in words that is not one of the forms", INSPECTION_PATH, "date: spring 2021",
     "date: springtime 2021"),
    ("A deadline given as the date of an event", INSPECTION_PATH, "date: spring 2021",
     "date: by the end of 2021"),
    ("A deadline in words that is not one of the forms", INSPECTION_PATH,
     "date: by the end of autumn 2022", "date: by end of autumn 2022"),
    ("A reported outcome that is not in the vocabulary", INSPECTION_PATH,
     "outcome: partly_met", "outcome: partially_met"),
    ("A kind of money that is not in the vocabulary", CASE_PATH, "kind: loan",
     "kind: borrowing"),
    ("A disagreement with neither choice nor unsettled", REPORT_PATH, "    chosen: 2021-06-05",
     "    # chosen: 2021-06-05"),
    ("Another value without a citation", REPORT_PATH,
     '        cite: [{source: northshire-press-article, quote: "published on Sunday"}]',
     "        cite: []"),
    ("A body named twice in a case", CASE_PATH, "partners: [example-borough-council]",
     "partners: [northshire-police]"),
    ("A source named as its own original", MIRROR_PATH,
     "original: northshire-inspection-report", "original: northshire-report-mirror"),
    ("A percentage above 100", LETTER_PATH, "value: 91.5 ", "value: 120  "),
    ("A value written with its unit", LETTER_PATH, "value: 412", "value: 412 staff"),
    ("A figure of an indicator that is not listed", LETTER_PATH, "indicator: staff-in-post",
     "indicator: staff-in-posts"),
)
