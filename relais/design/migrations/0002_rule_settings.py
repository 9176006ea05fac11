"""One settings row per rule of the design model, with its default severity and thresholds.

Written by hand: the defaults come from relais.design.rules.default_rule_settings(), the same list
`manage.py sync_design_rules` uses to add the rows of rules added later (existing rows are kept).
"""

from django.db import migrations


def create_rule_settings(apps, schema_editor):
    from relais.design.rules import default_rule_settings

    RuleSetting = apps.get_model("design", "RuleSetting")
    existing = set(RuleSetting.objects.values_list("code", flat=True))
    RuleSetting.objects.bulk_create(
        [RuleSetting(**row) for row in default_rule_settings() if row["code"] not in existing]
    )


def delete_rule_settings(apps, schema_editor):
    from relais.design.rules import default_rule_settings

    RuleSetting = apps.get_model("design", "RuleSetting")
    RuleSetting.objects.filter(code__in=[row["code"] for row in default_rule_settings()]).delete()


class Migration(migrations.Migration):
    dependencies = [("design", "0001_initial")]

    operations = [migrations.RunPython(create_rule_settings, delete_rule_settings)]
