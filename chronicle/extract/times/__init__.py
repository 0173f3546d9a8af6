"""Time expressions (the module moves here whole; the next commit splits it into this package)."""
from chronicle.extract.times.rules import *  # noqa: F401,F403
