"""The course's grader: scores a submission cannot touch, one grade sheet, graded variants.

``python course.py grade LESSON FOLDER`` (see docs/grading.md) runs ``folder.grade``:

* ``masters``  — questions, points, tests and answer names, read from ``solutions/<stem>.ipynb``;
* ``tamper``   — what a submission's code does to the grader, read before it runs;
* ``execute``  — runs one submission in a throw-away folder with a time limit (worker process);
* ``sandbox``  — where that worker runs: bubblewrap, Docker or Podman, or (asked for) none;
* ``probe``    — injected into that kernel: answers out as plain data, suspicious acts noted;
* ``check``    — scores the answers in a clean interpreter that never ran student code;
* ``sheet``    — ``grades.csv`` and the merge of hand-graded rubric scores;
* ``variants`` — a master's graded variant with other illustrative numbers.
"""
