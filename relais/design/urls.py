from relais.design.export_urls import urlpatterns as export_urlpatterns

app_name = "design"

urlpatterns = [*export_urlpatterns]
