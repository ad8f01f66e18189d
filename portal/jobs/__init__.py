"""Jobs: a Huey queue bound to the app (embedded SQLite, or Redis for many workers), and its tasks.

Code that changes data asks for a job with `enqueue(name, *args)`; the job is handed to the
queue only when the request's transaction commits, so a worker never looks for a row that is
not there yet, and a rolled-back request leaves no job behind.
"""

from .queue import enqueue, huey_of, init_app, queue_state

__all__ = ["enqueue", "huey_of", "init_app", "queue_state"]
