"""``python -m pageavail``: the same as the ``pageavail`` command."""

import sys

from .cli import main

sys.exit(main())
