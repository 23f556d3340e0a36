"""The shared matching layer every detector reads: names, numbers, dates, quotes and meaning.

Each rule ("is this the same number?", "is this name in the source?", "does this word turn the meaning
around?") is written once here; detectors import it and never each other.
"""
