"""Events (the module moves here whole; the next commit splits it into this package)."""
from chronicle.extract.events.participants import *  # noqa: F401,F403
