from django.db import migrations


def load(apps, schema_editor):
    from relais.core import reference_data

    reference_data.load(
        Country=apps.get_model("core", "Country"),
        Profession=apps.get_model("core", "Profession"),
        Theme=apps.get_model("core", "Theme"),
        Language=apps.get_model("core", "Language"),
    )


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
