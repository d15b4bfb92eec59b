from django.db import migrations, models

import journeys.core.models


def give_each_load_a_version(apps, schema_editor):  # type: ignore[no-untyped-def]
    ContentLoad = apps.get_model("core", "ContentLoad")
    for load in ContentLoad.objects.all():
        load.version = journeys.core.models.new_content_version()
        load.save(update_fields=["version"])


class Migration(migrations.Migration):
    dependencies = [("core", "0004_rate_counter")]

    operations = [
        migrations.AddField(
            model_name="contentload",
            name="version",
            field=models.CharField(default=journeys.core.models.new_content_version, max_length=32),
        ),
        migrations.RunPython(give_each_load_a_version, migrations.RunPython.noop),
    ]
