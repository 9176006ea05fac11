"""Materials and needs sources may link to a document of the knowledge centre; designs list their
sources and further reading. The existing references that point at a document become links to it;
those that point elsewhere stay as they are (relais.design.document_links, which
services.references_link_documents() also runs, e.g. after the demo creates its documents)."""

import django.db.models.deletion
from django.db import migrations, models


def link_existing_references(apps, schema_editor):
    from relais.design.document_links import link_references

    link_references(
        document_model=apps.get_model("knowledge", "Document"),
        title_model=apps.get_model("knowledge", "DocumentTitle"),
        material_model=apps.get_model("design", "Material"),
        source_model=apps.get_model("design", "NeedsSource"),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("design", "0002_rule_settings"),
        ("knowledge", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="material",
            name="document",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="design_materials",
                to="knowledge.document",
                verbose_name="document of the knowledge centre",
            ),
        ),
        migrations.AddField(
            model_name="needssource",
            name="document",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="design_sources",
                to="knowledge.document",
                verbose_name="document of the knowledge centre",
            ),
        ),
        migrations.CreateModel(
            name="DesignReference",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("note", models.CharField(blank=True, max_length=500, verbose_name="why it is useful")),
                ("position", models.PositiveSmallIntegerField(default=0, verbose_name="position")),
                (
                    "design",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="references",
                        to="design.activitydesign",
                    ),
                ),
                (
                    "document",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="design_references",
                        to="knowledge.document",
                        verbose_name="document",
                    ),
                ),
            ],
            options={
                "verbose_name": "reference",
                "verbose_name_plural": "sources and further reading",
                "ordering": ["position", "id"],
                "constraints": [models.UniqueConstraint(fields=("design", "document"), name="design_reference_once")],
            },
        ),
        migrations.RunPython(link_existing_references, migrations.RunPython.noop),
    ]
