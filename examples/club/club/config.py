"""The club's settings.

No secrets here: they come from the environment.
"""


class Config:
    CLUB_NAME = "Chess club"
