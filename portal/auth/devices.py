"""Name a browser from its User-Agent, for the sessions page ("Firefox on Linux")."""

from __future__ import annotations

import re

# First match wins: Edge and Opera also say Chrome, Chrome also says Safari.
BROWSERS = (("Edge", r"Edg/"), ("Opera", r"OPR/"), ("Firefox", r"Firefox/"), ("Chrome", r"Chrome/|CriOS/"),
            ("Safari", r"Safari/"), ("curl", r"^curl/"), ("Python", r"python|werkzeug"))
SYSTEMS = (("iPhone", r"iPhone"), ("iPad", r"iPad"), ("Android", r"Android"), ("Windows", r"Windows"),
           ("macOS", r"Mac OS X|Macintosh"), ("ChromeOS", r"CrOS"), ("Linux", r"Linux"))


def describe_user_agent(agent: str | None) -> str:
    """Return 'Browser on System' for a User-Agent string, or 'Unknown browser'."""
    if not agent:
        return "Unknown browser"
    browser = next((name for name, pattern in BROWSERS if re.search(pattern, agent, re.I)), "Unknown browser")
    system = next((name for name, pattern in SYSTEMS if re.search(pattern, agent)), None)
    return f"{browser} on {system}" if system else browser
