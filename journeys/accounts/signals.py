"""What accounts tells the apps to its right, without importing them (docs/architecture.md:
imports flow one way). An app that keeps a copy of account data listens in its `ready()`."""

from django.dispatch import Signal

# Sent inside set_certificate_name's transaction with `user` and `name` (the name that
# certificates now show). trainings reprints the certificates the person holds.
certificate_name_changed = Signal()
