"""Devices keep the Ed25519 public key they made at enrollment (protocol v2)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]
    operations = [
        migrations.AddField(
            model_name="device",
            name="public_key",
            field=models.CharField(blank=True, default="", editable=False, max_length=64),
        ),
    ]
