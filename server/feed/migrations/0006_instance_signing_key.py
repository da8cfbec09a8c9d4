"""The server instance's Ed25519 signing key, made with it (receipts a device can verify)."""

from django.db import migrations, models

import server.feed.models


def give_key(apps, schema_editor):
    FeedEpoch = apps.get_model("feed", "FeedEpoch")
    for epoch in FeedEpoch.objects.all():
        epoch.signing_key = server.feed.models.new_signing_key()
        epoch.save(update_fields=["signing_key"])


class Migration(migrations.Migration):
    dependencies = [("feed", "0005_feed_entry_echo_device")]
    operations = [
        migrations.AddField(
            model_name="feedepoch",
            name="signing_key",
            field=models.CharField(
                default=server.feed.models.new_signing_key, editable=False, max_length=64
            ),
        ),
        migrations.RunPython(give_key, migrations.RunPython.noop),
    ]
