"""Evaluation URLs, mounted at the site root: /questionnaires/…, /q/… (participants), /evaluation/…"""

from relais.evaluation.urls_answer import urlpatterns as answer
from relais.evaluation.urls_builder import urlpatterns as builder
from relais.evaluation.urls_import import urlpatterns as imports
from relais.evaluation.urls_invitations import urlpatterns as invitations
from relais.evaluation.urls_lessons import urlpatterns as lessons
from relais.evaluation.urls_library import urlpatterns as library
from relais.evaluation.urls_network import urlpatterns as network
from relais.evaluation.urls_paper import urlpatterns as paper
from relais.evaluation.urls_results import urlpatterns as results

app_name = "evaluation"

urlpatterns = [*builder, *library, *answer, *invitations, *paper, *imports, *results, *network, *lessons]
