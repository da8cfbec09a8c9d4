"""Per-device uploads. Partial `Attachment` rows of the shared-upload scheme are dropped (their
devices, told 404, upload again from the start): keeping them would keep a squatted size."""

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models


def drop_partial_attachments(apps, schema_editor):
    apps.get_model("attachments", "Attachment").objects.filter(complete=False).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("attachments", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="Upload",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("sha256", models.CharField(max_length=64)),
                ("size", models.BigIntegerField()),
                ("received", models.BigIntegerField(default=0)),
                ("complete", models.BooleanField(default=False)),
                ("started_at", models.DateTimeField(default=django.utils.timezone.now)),
                ("updated_at", models.DateTimeField(default=django.utils.timezone.now)),
                (
                    "device",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="accounts.device",
                    ),
                ),
            ],
            options={
                "verbose_name": "envoi de pièce jointe",
                "indexes": [
                    models.Index(
                        fields=["complete", "updated_at"], name="attachments_complet_eecc57_idx"
                    )
                ],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("sha256", "device"), name="one_upload_per_device"
                    )
                ],
            },
        ),
        migrations.RunPython(drop_partial_attachments, migrations.RunPython.noop),
    ]
