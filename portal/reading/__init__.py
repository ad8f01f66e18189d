"""Reading stored documents in isolated child processes with hard limits, and saying what was damaged."""
