from django.urls import path

from relais.design import agenda_views, editor_views, views
from relais.design.export_urls import urlpatterns as export_urlpatterns

app_name = "design"

urlpatterns = [
    path("", views.design_index, name="list"),
    path("new/", views.design_new, name="new"),
    path("<int:pk>/", views.design_detail, name="detail"),
    path("<int:pk>/status/", views.design_status, name="status"),
    path("<int:pk>/replicate/", views.design_replicate, name="replicate"),
    path("<int:pk>/adaptation/<int:item_pk>/", views.adaptation_item, name="adaptation_item"),
    path("<int:pk>/edit/<slug:section>/", editor_views.section_view, name="edit"),
    path("<int:pk>/sources/", editor_views.source_add, name="source_add"),
    path("<int:pk>/sources/<int:source_pk>/delete/", editor_views.source_delete, name="source_delete"),
    path("<int:pk>/references/", editor_views.reference_add, name="reference_add"),
    path("<int:pk>/references/<int:reference_pk>/delete/", editor_views.reference_delete, name="reference_delete"),
    path("<int:pk>/objectives/", agenda_views.objective_add, name="objective_add"),
    path("<int:pk>/objectives/<int:objective_pk>/", agenda_views.objective_edit, name="objective_edit"),
    path("<int:pk>/days/", agenda_views.day_add, name="day_add"),
    path("<int:pk>/days/<int:day_pk>/", agenda_views.day_edit, name="day_edit"),
    path("<int:pk>/days/<int:day_pk>/modules/", agenda_views.module_add, name="module_add"),
    path("<int:pk>/modules/<int:module_pk>/", agenda_views.module_edit, name="module"),
    path("<int:pk>/modules/<int:module_pk>/move/", agenda_views.module_move, name="module_move"),
    path("<int:pk>/modules/<int:module_pk>/materials/", agenda_views.material_add, name="material_add"),
    path("<int:pk>/materials/<int:material_pk>/delete/", agenda_views.material_delete, name="material_delete"),
    path("<int:pk>/materials/<int:material_pk>/file/", agenda_views.material_download, name="material_file"),
    *export_urlpatterns,
]
