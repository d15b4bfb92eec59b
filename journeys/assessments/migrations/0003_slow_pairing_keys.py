"""Every stored pairing key becomes its slow, peppered form (journeys/assessments/pairing.py).

The old keys were a fast HMAC of the code: with the secret key, all 11.4 million codes
could be tried in seconds. The new key is derived from the old one, so answers given
before this migration still pair with answers given after it, and no fast key is left
in the database. One derivation (about 0.1 s) per person and measurement; it cannot be
undone, because the codes are not known. Backups taken before it still hold fast keys.
"""

from django.db import migrations


def slow_keys(apps, schema_editor):  # type: ignore[no-untyped-def]
    from journeys.assessments.pairing import slow_key

    Response = apps.get_model("assessments", "Response")
    derived: dict[tuple[str, str], str] = {}
    changed = []
    for response in Response.objects.select_related("measurement").iterator():
        old = (response.measurement.token, response.pair_key)
        if old not in derived:
            derived[old] = slow_key(*old)
        response.pair_key = derived[old]
        changed.append(response)
    Response.objects.bulk_update(changed, ["pair_key"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("assessments", "0002_response_organisations")]

    operations = [migrations.RunPython(slow_keys, elidable=False)]
