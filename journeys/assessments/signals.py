from django.dispatch import Signal

# Sent after a response is stored, with `measurement` (a Measurement) and `phase`: a live
# workshop showing how many have answered listens for it.
response_saved = Signal()
