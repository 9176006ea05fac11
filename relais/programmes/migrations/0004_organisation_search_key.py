from django.db import migrations


def fill_search_keys(apps, schema_editor):
    from relais.programmes.text import search_key

    Organisation = apps.get_model("programmes", "Organisation")
    rows = list(Organisation.objects.all())
    for org in rows:
        org.search_key = search_key(org.name, org.acronym, org.other_names)
    Organisation.objects.bulk_update(rows, ["search_key"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("programmes", "0003_results_framework")]

    operations = [migrations.RunPython(fill_search_keys, migrations.RunPython.noop)]
