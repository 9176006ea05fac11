from django.db import migrations


def load(apps, schema_editor):
    from relais.evaluation.standard_items import load_standard_items

    load_standard_items(LibraryItem=apps.get_model("evaluation", "LibraryItem"), Theme=apps.get_model("core", "Theme"))


class Migration(migrations.Migration):
    dependencies = [("evaluation", "0001_initial"), ("core", "0002_reference_data")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
