"""``python -m widgets.teaching build|check`` (see widgets/teaching/__init__.py)."""

import sys

from . import main

sys.exit(main())
