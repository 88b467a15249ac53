"""``python -m widgets.claims build|check [STEM ...]`` (see widgets/claims/__init__.py)."""

import sys

from . import main

sys.exit(main())
