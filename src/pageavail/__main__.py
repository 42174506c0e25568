"""``python -m pageavail``: the same as the ``pageavail`` command."""

import sys

from .cli import run

sys.exit(run())
