from tracker.formats.en_GB.formats import *  # noqa: F403  (one form for every English locale)
